import { main } from './main.js';

// The only file that touches the process; everything else is injectable and tested in-process.
await main({
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
  onSignal: (signal, handler) => process.on(signal, handler),
});
