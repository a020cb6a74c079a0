import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppDeps, createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { drainServer } from './graceful-shutdown.js';

/** Everything main touches of the process, injectable so shutdown can be tested in-process. */
export interface MainIo {
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  exit: (code: number) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
}

export interface RunningServer {
  server: Server;
  url: string;
  /** What a SIGTERM does: drain, close the app, exit 0. */
  shutdown(): Promise<void>;
}

/** Bad environment: the usage exit code, as the workshop CLI uses it. */
export const exitCodeBadConfig = 2;

export async function main(io: MainIo, deps: AppDeps = {}): Promise<RunningServer | undefined> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`webapp: invalid environment: ${error.message}`);
    io.exit(exitCodeBadConfig);
    return undefined;
  }

  const webapp = createApp(config, { log: io.stderr, ...deps });
  const server = webapp.app.listen(config.port, config.host);
  const listenError = await new Promise<Error | undefined>((resolve) => {
    server.once('listening', () => resolve(undefined));
    server.once('error', resolve);
  });
  if (listenError) {
    await webapp.close();
    io.stderr(`webapp: cannot listen on ${config.host}:${config.port}: ${listenError.message}`);
    io.exit(1);
    return undefined;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  io.stdout(`webapp listening on ${url}`);

  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      const outcome = await drainServer(server, config.shutdownTimeoutMs);
      await webapp.close();
      io.stderr(
        outcome === 'drained'
          ? 'webapp: stopped'
          : `webapp: stopped; requests still running after ${config.shutdownTimeoutMs} ms were cut off`,
      );
      io.exit(0);
    })();
    return stopping;
  };
  io.onSignal('SIGTERM', () => void shutdown());
  io.onSignal('SIGINT', () => void shutdown());
  return { server, url, shutdown };
}
