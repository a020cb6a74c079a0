import { ExitCode } from './errors.js';
import { createNodeContext } from './node-context.js';
import { runMain } from './run-main.js';

// The only file that touches process: everything else takes a Context and throws typed errors.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    // A second signal: leave now.
    if (controller.signal.aborted)
      process.exit(sig === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted);
    controller.abort(new Error(`interrupted by ${sig}`));
  });
}

process.exitCode = await runMain(process.argv.slice(2), createNodeContext(controller.signal));
