import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Ledger, latestLedger, ledgerDir, readLedgers, writeLedger } from './ledger.js';

function ledger(startedAt: string, mode = 'quick'): Ledger {
  return {
    version: 2,
    webapp: { startTimeSeconds: 1_796_000_000 },
    mode,
    seed: 1,
    timeScale: 0.1,
    baseUrl: 'http://127.0.0.1:3001',
    startedAt,
    endedAt: startedAt,
    interrupted: false,
    requests: [{ method: 'GET', path: '/health', status: 200, count: 3 }],
    delaysSent: [0.5],
  };
}

let stateDir: string;
beforeEach(async () => {
  stateDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'workshop-ledger-')), 'state');
});

describe('ledger files', () => {
  it('writes a ledger named after its start and mode, and reads it back unchanged', async () => {
    const written = ledger('2025-07-27T10:15:00.123Z');
    const file = await writeLedger(stateDir, written);
    expect(file).toBe(path.join(stateDir, 'traffic', '2025-07-27T10-15-00.123Z-quick.json'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(written);
    expect(await readLedgers(stateDir)).toEqual({ ledgers: [{ file, ledger: written }], damaged: [] });
  });

  it('refuses to write something that is not a ledger', async () => {
    const bad = { ...ledger('2025-07-27T10:15:00.000Z'), seed: 1.5 };
    await expect(writeLedger(stateDir, bad)).rejects.toThrow();
  });

  it('lists runs oldest first, and the latest is the newest', async () => {
    await writeLedger(stateDir, ledger('2025-07-27T10:15:00.000Z', 'demo'));
    await writeLedger(stateDir, ledger('2025-07-27T09:00:00.000Z', 'quick'));
    await writeLedger(stateDir, ledger('2025-07-27T11:00:00.000Z', 'errors'));
    const { ledgers } = await readLedgers(stateDir);
    expect(ledgers.map((l) => l.ledger.mode)).toEqual(['quick', 'demo', 'errors']);
    expect((await latestLedger(stateDir))?.ledger.mode).toBe('errors');
  });

  it('reads a version 1 ledger as one that matches no webapp process', async () => {
    const { webapp: _, ...v1 } = { ...ledger('2025-07-27T09:00:00.000Z'), version: 1 };
    await mkdir(ledgerDir(stateDir), { recursive: true });
    await writeFile(path.join(ledgerDir(stateDir), 'old.json'), JSON.stringify(v1));
    const { ledgers } = await readLedgers(stateDir);
    expect(ledgers[0]?.ledger).toMatchObject({
      version: 2,
      webapp: { startTimeSeconds: null },
      mode: 'quick',
    });
  });

  it('has nothing (and no error) when no run was recorded', async () => {
    expect(await readLedgers(stateDir)).toEqual({ ledgers: [], damaged: [] });
    expect(await latestLedger(stateDir)).toBeUndefined();
  });

  it('reports damaged files by name and reason, and still reads the good ones', async () => {
    const good = await writeLedger(stateDir, ledger('2025-07-27T09:00:00.000Z'));
    const dir = ledgerDir(stateDir);
    await writeFile(path.join(dir, 'truncated.json'), '{"version": 1, "mo');
    await writeFile(
      path.join(dir, 'wrong.json'),
      JSON.stringify({ ...ledger('x'), requests: [{ count: 0 }] }),
    );
    await mkdir(path.join(dir, 'a-folder.json'));
    await writeFile(path.join(dir, 'notes.txt'), 'not a ledger, not looked at');
    const { ledgers, damaged } = await readLedgers(stateDir);
    expect(ledgers.map((l) => l.file)).toEqual([good]);
    expect(damaged).toEqual([
      { file: path.join(dir, 'a-folder.json'), problem: expect.stringMatching(/^cannot be read \(.*EISDIR/) },
      { file: path.join(dir, 'truncated.json'), problem: expect.stringMatching(/^not valid JSON \(/) },
      {
        file: path.join(dir, 'wrong.json'),
        problem: expect.stringMatching(/^not a traffic ledger \(requests\.0\./),
      },
    ]);
    expect((await latestLedger(stateDir))?.file).toBe(good);
  });
});
