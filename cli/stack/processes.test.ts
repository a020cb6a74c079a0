import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isOurProcess, parseStartTime, startDetached, stopProcess } from './processes.js';

describe('parseStartTime', () => {
  it('reads field 22 even when the command name holds spaces and parentheses', () => {
    const stat = '4242 (my (odd) prog) S 1 4242 4242 0 -1 4194560 150 0 0 0 3 1 0 0 20 0 1 0 987654 1000 200';
    expect(parseStartTime(stat)).toBe('987654');
  });
});

describe('startDetached / stopProcess', () => {
  it('starts a process with its output in a log, and stops exactly it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-proc-'));
    const log = path.join(dir, 'p.log');
    const p = await startDetached({ command: 'sh', args: ['-c', 'echo started; exec sleep 30'] }, log);
    // Stopped before it ran its first line (a loaded machine), it would have written nothing.
    for (let i = 0; i < 200 && !(await readFile(log, 'utf8')).includes('started'); i++) await sleep(50);
    expect(await isOurProcess(p.pid, p.startTime)).toBe(true);
    // Another start time under the same PID is someone else's process.
    expect(await isOurProcess(p.pid, `${p.startTime}1`)).toBe(false);
    expect(await stopProcess(p.pid, p.startTime, { timeoutMs: 5_000, sleep: (ms) => sleep(ms) })).toBe(
      'stopped',
    );
    expect(await isOurProcess(p.pid, p.startTime)).toBe(false);
    expect(await readFile(log, 'utf8')).toContain('started');
  });

  it('fails clearly for a missing binary', async () => {
    await expect(
      startDetached({ command: '/nonexistent/prometheus', args: [] }, '/dev/null'),
    ).rejects.toThrow(/could not start \/nonexistent\/prometheus/);
  });
});
