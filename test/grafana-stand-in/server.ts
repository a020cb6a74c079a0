import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GrafanaNetwork, GrafanaVersion } from './behaviour.js';
import { handleRequest } from './http/pipeline.js';
import { allRoutes } from './routes/index.js';
import { StandInState } from './state.js';

export interface GrafanaStandInOptions {
  /** GF_SECURITY_ADMIN_USER; "admin" by default. */
  adminUser?: string;
  /** GF_SECURITY_ADMIN_PASSWORD; "admin" by default. */
  adminPassword?: string;
  host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Which Grafana to play: 11.4 (the default), 12.2 or 13.0 (behaviour.ts). */
  version?: GrafanaVersion;
  /** Where Grafana's server runs, for the data source health check (default: this host). */
  network?: GrafanaNetwork;
}

export interface GrafanaStandIn {
  /** e.g. "http://127.0.0.1:43121", no trailing slash. */
  url: string;
  close(): Promise<void>;
  state: StandInState;
}

/** Starts an in-memory Grafana HTTP API (11.4, 12.2 or 13.0; org 1, one admin user) for tests. */
export async function startGrafanaStandIn(opts: GrafanaStandInOptions = {}): Promise<GrafanaStandIn> {
  const state = new StandInState({
    adminUser: opts.adminUser ?? 'admin',
    adminPassword: opts.adminPassword ?? 'admin',
    ...(opts.version ? { version: opts.version } : {}),
    ...(opts.network ? { network: opts.network } : {}),
  });
  const routes = allRoutes(state);
  const server = createServer((req, res) => {
    void handleRequest(req, res, state, routes);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
