import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { ClassGrid } from '../cli/class/grid.js';
import { stablePort } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';

// The real class Prometheus federates a learner whose stack calls itself "Ada Lovelance" from
// the roster's "Ada Lovelace": honor_labels keeps their learner label, and the roster label the
// federation job adds must survive beside it, so the board can say who it really is.
describe('class: a federated learner whose --learner has a typo (real Prometheus)', () => {
  it('shows one row, the roster\'s, with the name it reports flagged; no extra "not in the roster" row', async () => {
    // The learner's Prometheus, as /federate answers: their series carry their external label.
    const federate = createServer((_req, res) => {
      const t = Date.now();
      const l = 'learner="Ada Lovelance"';
      res.setHeader('Content-Type', 'text/plain; version=0.0.4');
      res.end(
        [
          '# TYPE workshop_info untyped',
          `workshop_info{${l},instance="127.0.0.1:9199",job="workshop-exporter",version="0.1.0"} 1 ${t}`,
          '# TYPE workshop_check_state untyped',
          `workshop_check_state{${l},check="exercise-1/A/3",exercise="exercise-1",instance="exercise-1",job="workshop",state="pass"} 1 ${t}`,
          '# TYPE workshop_score untyped',
          `workshop_score{${l},exercise="exercise-1",instance="exercise-1",job="workshop"} 2 ${t}`,
          '',
        ].join('\n'),
      );
    });
    await new Promise<void>((resolve) => federate.listen(0, '127.0.0.1', resolve));
    const base = await mkdtemp(path.join(os.tmpdir(), 'workshop-class-typo-'));
    const dir = path.join(base, 'class');
    const rosterFile = path.join(base, 'roster.yaml');
    await writeFile(
      rosterFile,
      stringify({
        learners: [
          {
            name: 'Ada Lovelace',
            prometheus: `http://127.0.0.1:${(federate.address() as AddressInfo).port}`,
          },
        ],
      }),
    );
    expect((await runCli(['class', 'init', '--roster', rosterFile, '--dir', dir])).exitCode).toBe(0);
    const up = await runCli(['class', 'up', '--dir', dir, '--port', String(await stablePort())]);
    expect(up.exitCode, up.stderr).toBe(0);
    try {
      let grid: ClassGrid | undefined;
      for (let i = 0; i < 60; i++) {
        const r = await runCli(['class', 'status', '--dir', dir, '--json']);
        grid = JSON.parse(r.stdout) as ClassGrid;
        if (grid.learners[0]?.states['exercise-1/A/3'] === 'pass') break;
        await sleep(500);
      }
      expect(grid?.learners.map((l) => [l.name, l.inRoster, l.reach, l.reportsAs])).toEqual([
        ['Ada Lovelace', true, 'up', 'Ada Lovelance'],
      ]);
      expect(grid?.learners[0]?.score).toBe(2);
      const human = await runCli(['class', 'status', '--dir', dir]);
      expect(human.stdout).toContain("Ada Lovelance reports from Ada Lovelace's Prometheus");
      expect(human.stdout).not.toContain('not in the roster');
    } finally {
      await runCli(['class', 'down', '--dir', dir]);
      federate.close();
    }
  }, 90_000);
});
