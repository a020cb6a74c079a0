// `npm run e2e:images`: prepares what the compose end-to-end test runs on (see prepare.ts) and
// says how to use it by hand. An engine it had to start keeps running, so the stack can be used.
import { SetupError } from './engine.js';
import { prepareComposeE2e } from './prepare.js';

try {
  const e2e = await prepareComposeE2e((m) => process.stderr.write(`${m}\n`));
  process.stdout.write(
    [
      'Ready. To run the stack on these images by hand, in this folder:',
      ...Object.entries(e2e.env).map(([k, v]) => `  export ${k}=${v}`),
      '  npx workshop up --backend compose',
      e2e.env.DOCKER_HOST
        ? `Stop the engine started for this: kill $(cat /run/workshop-e2e/dockerd.pid)`
        : '',
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error instanceof SetupError ? error.message : (error as Error).stack}\n`);
  process.exit(3);
}
