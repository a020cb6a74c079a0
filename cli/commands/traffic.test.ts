import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../test/helpers/in-process.js';
import { httpRequest } from '../http/fetch-json.js';
import { readLedgers } from '../traffic/ledger.js';

/** A webapp double that answers `answered` requests (besides /health and /metrics) and then goes away. */
async function dyingApp(answered: number) {
  let served = 0;
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return void res.end('{"status":"healthy"}');
    if (req.url === '/metrics') return void res.end('process_start_time_seconds 1796000000\n');
    served++;
    res.end('{}');
    if (served === answered) {
      server.close();
      server.closeAllConnections();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served: () => served };
}

describe('workshop traffic (in process)', () => {
  it('stops early when the webapp goes away, exits 3, and the ledger records what was answered', async () => {
    const app = await dyingApp(10);
    const r = await runInProcess(
      ['traffic', 'demo', '--time-scale', '0.01', '--seed', '1', '--app-url', app.url, '--json'],
      { http: httpRequest },
    );
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      `the webapp at ${app.url} stopped answering: 5 requests in a row got no answer`,
    );
    const summary = JSON.parse(r.stdout);
    expect(summary.totalRequests).toBeLessThan(160);
    const { ledgers } = await readLedgers(r.ctx.env.WORKSHOP_STATE_DIR as string);
    const answered = ledgers[0]?.ledger.requests
      .filter((row) => row.status > 0 && row.path !== '/health')
      .reduce((n, row) => n + row.count, 0);
    expect(answered).toBe(10);
    expect(ledgers[0]?.ledger.requests.some((row) => row.status === 0)).toBe(true);
    expect(ledgers[0]?.ledger.webapp.startTimeSeconds).toBe(1796000000);
  });

  it('refuses a state dir it cannot use before sending anything, with exit 2 and no hang (procfs)', async () => {
    const app = await dyingApp(1000);
    const r = await runInProcess(
      ['traffic', 'cpu', '1', '--app-url', app.url, '--state-dir', '/proc/self/workshop'],
      { http: httpRequest },
    );
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /^workshop: \/proc\/self\/workshop\/traffic cannot be used: \/proc\/self\/workshop: /,
    );
    expect(r.stderr).toContain('hint: choose a writable folder with --state-dir');
    expect(app.served()).toBe(0);
  });

  it('fails fast with exit 3 when no webapp answers', async () => {
    const r = await runInProcess(['traffic', 'quick', '--app-url', 'http://127.0.0.1:1'], {
      http: httpRequest,
    });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('connection refused');
  });
});
