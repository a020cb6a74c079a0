import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { classDashboardFile } from '../cli/class/class-compose.js';
import { shardOf } from '../cli/class/class-config.js';
import type { ClassGrid } from '../cli/class/grid.js';
import { explainWindowMs } from '../cli/grading/evidence/learner-queries.js';
import { allPanels, targetsOf } from '../cli/grafana/dashboard-model.js';
import { exercises } from '../exercises/registry.js';
import { launchChromium } from './helpers/chromium.js';
import { expectBuild, stablePort, stableStackEnv } from './helpers/native-stack.js';
import { root, runCli } from './helpers/run-cli.js';

// A class on this machine, with real processes: 20 learners whose Prometheus the instructor
// federates, 5 who push with remote_write, and three broken ones (nothing listening, garbage,
// too slow). Learners run queries at known times as the Prometheus UI does; the instructor's
// `class status --json` must show exactly those verdicts, and the board must show a pass.
const federated = 20;
const pushing = 5;
const queries = {
  'exercise-1/A/3': 'flask_http_request_duration_seconds_count',
  'exercise-1/A/4': 'rate(flask_http_request_duration_seconds_count[5m])',
} as const;
/** The script: who runs which query. */
const runs = (i: number) => [
  ...(i % 2 === 0 ? (['exercise-1/A/3'] as const) : []),
  ...(i % 3 === 0 ? (['exercise-1/A/4'] as const) : []),
];

const allChecks: { id: string; points: number }[] = exercises().flatMap((e) =>
  e.definition.checks.map((c) => ({ id: c.id, points: c.points })),
);
const points = (id: string) => allChecks.find((c) => c.id === id)?.points ?? Number.NaN;
const maxScore = allChecks.reduce((n, c) => n + c.points, 0);
const expectedScore = (i: number) => runs(i).reduce((n, c) => n + points(c), 0);

interface Learner {
  name: string;
  env: Record<string, string>;
  pushes: boolean;
  ranAt: Partial<Record<keyof typeof queries, number>>;
}

/** A query as the Prometheus UI sends it (GET, no marker: it is the learner's; POST is Grafana's). */
async function ask(learner: Learner, query: string): Promise<number> {
  const at = Date.now();
  const params = new URLSearchParams({ query, time: String(at / 1000) });
  const r = await fetch(`${learner.env.WORKSHOP_PROMETHEUS_URL}/api/v1/query?${params}`, {
    signal: AbortSignal.timeout(5_000),
  });
  expect(r.status).toBe(200);
  return at;
}

/** Runs in batches, so 25 stacks do not all start on two cores at once. */
async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function stubServer(
  handler: (res: import('node:http').ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => handler(res));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    }),
  );
}

describe.each(inject('prometheusBuilds'))(
  'a class on $name: 20 federated learners, 5 pushing, 3 broken; the instructor sees exactly what they did',
  (build) => {
    const learners: Learner[] = [];
    const stubs: Server[] = [];
    let classDir = '';
    let classUrl = '';
    let grid: ClassGrid | undefined;

    beforeAll(async () => {
      const base = await mkdtemp(path.join(os.tmpdir(), 'workshop-class-'));
      classDir = path.join(base, 'class');
      const classPort = await stablePort();
      classUrl = `http://127.0.0.1:${classPort}`;
      const garbage = await stubServer((res) => res.end('this is {{ not the text format\n'));
      const slow = await stubServer((res) => {
        setTimeout(() => res.end(''), 4_000);
      });
      stubs.push(garbage.server, slow.server);
      for (let i = 0; i < federated + pushing; i++)
        learners.push({
          name: `learner-${String(i + 1).padStart(2, '0')}`,
          env: { ...build.env, ...(await stableStackEnv()) },
          pushes: i >= federated,
          ranAt: {},
        });
      const roster = {
        class: 'Golden Signals, room 1',
        learners: [
          ...learners.map((l) =>
            l.pushes ? { name: l.name } : { name: l.name, prometheus: l.env.WORKSHOP_PROMETHEUS_URL },
          ),
          { name: 'away', prometheus: `http://127.0.0.1:${await stablePort()}` },
          { name: 'garbage', prometheus: garbage.url },
          { name: 'slow', prometheus: slow.url },
        ],
      };
      const rosterFile = path.join(base, 'roster.yaml');
      await writeFile(rosterFile, stringify(roster));
      const init = await runCli(['class', 'init', '--roster', rosterFile, '--dir', classDir]);
      expect(init.stdout).toContain(`${federated + 3} learners federated, ${pushing} pushing`);
      const up = await runCli(['class', 'up', '--dir', classDir, '--port', String(classPort)], {
        env: build.env,
      });
      expect(up.exitCode, up.stderr).toBe(0);
      await expectBuild(classUrl, build);
      await inBatches(learners, 5, async (l) => {
        const args = ['up', '--backend', 'native', '--learner', l.name, '--json'];
        if (l.pushes) args.push('--report-to', classUrl);
        const r = await runCli(args, { env: l.env, timeoutMs: 120_000 });
        expect(r.exitCode, r.stderr).toBe(0);
        await expectBuild(l.env.WORKSHOP_PROMETHEUS_URL as string, build);
        expect(JSON.parse(r.stdout)).toMatchObject({
          learner: l.name,
          ...(l.pushes ? { reportTo: classUrl } : {}),
        });
      });
      // The scripted sessions: each learner runs their queries now.
      await Promise.all(
        learners.map(async (l, i) => {
          for (const [n, check] of runs(i).entries()) {
            // A person types for seconds between two queries; a part of a query run within
            // explainWindowMs of it is the 3.5 UI's tree view, not the learner.
            if (n > 0) await new Promise((r) => setTimeout(r, explainWindowMs + 200));
            l.ranAt[check] = await ask(l, queries[check]);
          }
        }),
      );
    }, 900_000);

    afterAll(async () => {
      await inBatches(learners, 5, async (l) => {
        await runCli(['down', '--volumes'], { env: l.env });
      });
      await runCli(['class', 'down', '--dir', classDir]);
      for (const s of stubs) s.close();
    }, 300_000);

    it('`class status --json` shows exactly the scripted verdicts, with their times, and marks the broken learners', async () => {
      const expectedPasses = learners.flatMap((l, i) => runs(i).map((c) => `${l.name} ${c}`)).sort();
      let passes: string[] = [];
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const r = await runCli(['class', 'status', '--dir', classDir, '--json'], { timeoutMs: 20_000 });
        expect(r.exitCode, r.stderr).toBe(0);
        const current = JSON.parse(r.stdout) as ClassGrid;
        grid = current;
        passes = current.learners
          .flatMap((l) =>
            Object.entries(l.states)
              .filter(([, s]) => s === 'pass')
              .map(([c]) => `${l.name} ${c}`),
          )
          .sort();
        const reached = current.learners.filter((l) => l.reach === 'up' || l.reach === 'pushing').length;
        // remote_write sends series in batches: wait until each learner's score has caught up too.
        const scored = learners.every(
          (l, i) => current.learners.find((r) => r.name === l.name)?.score === expectedScore(i),
        );
        if (passes.length >= expectedPasses.length && reached === federated + pushing && scored) break;
        await new Promise((r) => setTimeout(r, 1_000));
      }
      expect(passes).toEqual(expectedPasses);
      const g = grid as ClassGrid;
      for (const [i, l] of learners.entries()) {
        const row = g.learners.find((r) => r.name === l.name);
        expect(row?.reach).toBe(l.pushes ? 'pushing' : 'up');
        expect(row?.score).toBe(expectedScore(i));
        expect(row?.maxScore).toBe(maxScore);
        // Every check of both exercises has a state; nothing else passed.
        expect(Object.keys(row?.states ?? {})).toHaveLength(g.checks.length);
        expect(row?.states['exercise-1/B/1']).toBe('not_attempted');
        for (const [check, at] of Object.entries(l.ranAt)) {
          const passedAt = Date.parse(row?.passedAt[check] ?? '');
          expect(Math.abs(passedAt - at), `${l.name} ${check}`).toBeLessThan(2_000);
        }
      }
      const broken = Object.fromEntries(
        g.learners.filter((l) => l.reach === 'down').map((l) => [l.name, l.problem ?? '']),
      );
      expect(Object.keys(broken).sort()).toEqual(['away', 'garbage', 'slow']);
      expect(broken.away).toMatch(/connection refused/);
      // 2.x reports the parse error; 3.x refuses a body without a Content-Type before parsing it.
      expect(broken.garbage).toMatch(/pars|unexpected|invalid|Content-Type/i);
      expect(broken.slow).toMatch(/deadline|timeout/i);
    }, 120_000);

    it('takes an edited roster without a restart (file_sd): a new learner is scraped, a removed one is gone', async () => {
      const rosterFile = path.join(classDir, '..', 'roster.yaml');
      const roster = parse(await readFile(rosterFile, 'utf8')) as {
        learners: { name: string; prometheus?: string }[];
      };
      const edited = {
        ...roster,
        learners: [
          ...roster.learners.filter((l) => l.name !== 'away'),
          { name: 'late', prometheus: `http://127.0.0.1:${await stablePort()}` },
        ],
      };
      await writeFile(rosterFile, stringify(edited));
      expect((await runCli(['class', 'init', '--roster', rosterFile, '--dir', classDir])).exitCode).toBe(0);
      let names: string[] = [];
      for (let tries = 0; tries < 100 && !(names.includes('late') && !names.includes('away')); tries++) {
        await new Promise((r) => setTimeout(r, 200));
        const body = (await (await fetch(`${classUrl}/api/v1/targets?state=active`)).json()) as {
          data: { activeTargets: { labels: { learner: string } }[] };
        };
        names = body.data.activeTargets.map((t) => t.labels.learner);
      }
      expect(names).toContain('late');
      expect(names).not.toContain('away');
      expect(names).toHaveLength(federated + 3);
    });

    it("the class dashboard's queries, read by the dashboard reader, show the class", async () => {
      const dashboard = JSON.parse(await readFile(classDashboardFile, 'utf8'));
      for (const panel of allPanels(dashboard)) {
        for (const t of targetsOf(panel)) {
          const r = (await (
            await fetch(`${classUrl}/api/v1/query?${new URLSearchParams({ query: t.expr })}`)
          ).json()) as {
            status: string;
            data: { result: { metric: Record<string, string>; value: [number, string] }[] };
          };
          expect(r.status, t.expr).toBe('success');
          // Nobody has been stuck for 10 minutes in this run: that panel is rightly empty.
          if (panel.title.startsWith('Stuck')) expect(r.data.result).toEqual([]);
          else expect(r.data.result.length, `${panel.title}: ${t.expr}`).toBeGreaterThan(0);
          if (panel.title === 'Learners seen')
            expect(Number(r.data.result[0]?.value[1])).toBe(federated + pushing);
        }
      }
    });

    it('two shards split the federated learners by hashmod on the learner label, as shardOf says', async () => {
      const rosterFile = path.join(classDir, '..', 'federated.yaml');
      await writeFile(
        rosterFile,
        stringify({
          learners: learners
            .filter((l) => !l.pushes)
            .map((l) => ({ name: l.name, prometheus: l.env.WORKSHOP_PROMETHEUS_URL })),
        }),
      );
      const seen: string[][] = [];
      for (const index of [0, 1]) {
        const dir = path.join(classDir, '..', `shard-${index}`);
        const port = await stablePort();
        expect(
          (await runCli(['class', 'init', '--roster', rosterFile, '--dir', dir, '--shard', `${index}/2`]))
            .exitCode,
        ).toBe(0);
        expect(
          (await runCli(['class', 'up', '--dir', dir, '--port', String(port)], { env: build.env })).exitCode,
        ).toBe(0);
        try {
          let names: string[] = [];
          for (let tries = 0; tries < 50 && names.length === 0; tries++) {
            const body = (await (
              await fetch(`http://127.0.0.1:${port}/api/v1/targets?state=active`)
            ).json()) as {
              data: { activeTargets: { labels: { learner: string } }[] };
            };
            names = body.data.activeTargets.map((t) => t.labels.learner).sort();
            if (!names.length) await new Promise((r) => setTimeout(r, 200));
          }
          seen.push(names);
        } finally {
          await runCli(['class', 'down', '--dir', dir]);
        }
      }
      const all = learners.filter((l) => !l.pushes).map((l) => l.name);
      for (const index of [0, 1])
        expect(seen[index]).toEqual(all.filter((n) => shardOf(n, 2) === index).sort());
      expect((seen[0] ?? []).length).toBeGreaterThan(0);
      expect((seen[1] ?? []).length).toBeGreaterThan(0);
    }, 60_000);

    it("the board in a real browser turns a learner's cell to pass within 5 s of their query", async () => {
      const learner = learners[1] as Learner; // ran nothing for A/3
      const board: ResultPromise = execa(
        process.execPath,
        [
          path.join(root, 'cli/bin/workshop.js'),
          'class',
          'board',
          '--dir',
          classDir,
          '--port',
          String(await stablePort()),
        ],
        { env: { NO_COLOR: '1' }, reject: false },
      );
      const url = await new Promise<string>((resolve, reject) => {
        board.stdout?.on('data', (d: Buffer) => {
          const m = String(d).match(/on (http:\/\/\S+)/);
          if (m?.[1]) resolve(m[1]);
        });
        setTimeout(() => reject(new Error('the board did not start')), 15_000);
      });
      const browser = await launchChromium({ viewport: { width: 1600, height: 1000 } });
      try {
        const page = await browser.newPage();
        await page.goto(url);
        const cell = page.locator(`tr[data-learner="${learner.name}"] td[data-check="exercise-1/A/3"]`);
        expect(await cell.getAttribute('data-state')).toBe('not_attempted');
        const asked = await ask(learner, queries['exercise-1/A/3']);
        // Waits well past the promise, so what is asserted is the time measured from the query.
        await page.waitForSelector(
          `tr[data-learner="${learner.name}"] td[data-check="exercise-1/A/3"][data-state="pass"]`,
          { timeout: 30_000 },
        );
        const seenAfterMs = Date.now() - asked;
        expect(seenAfterMs).toBeLessThan(5_000);
        const shot = path.join(
          await mkdtemp(path.join(os.tmpdir(), 'workshop-class-board-')),
          'class-board.png',
        );
        await page.screenshot({ path: shot, fullPage: true });
        // The broken learners are marked, the rest of the board is not held up by them.
        await expect(page.locator('tr[data-learner="slow"] td.bad').textContent()).resolves.toMatch(
          /unreachable/,
        );
      } finally {
        await browser.close();
        board.kill('SIGTERM');
        await board;
      }
    }, 60_000);
  },
);
