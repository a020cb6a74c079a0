import { readFileSync } from 'node:fs';

// Read once from package.json so `--version` never drifts from the release.
const pkg = JSON.parse(readFileSync(new URL(findPackageJson(), import.meta.url), 'utf8')) as {
  version: string;
};
export const version = pkg.version;

function findPackageJson(): string {
  // Source runs from cli/, the build from dist/cli/.
  return import.meta.url.includes('/dist/') ? '../../package.json' : '../package.json';
}
