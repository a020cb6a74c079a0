#!/usr/bin/env node
// Thin shim: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
try {
  await import('../../dist/cli/main.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli/main.js')) {
    process.stderr.write(
      'workshop: the CLI is not built yet. Run `npm ci` (or `npm run build`) in the project folder.\n',
    );
    process.exit(70);
  }
  throw error;
}
