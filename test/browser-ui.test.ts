import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium.js';
import { isolatedStackEnv } from './helpers/native-stack.js';
import { runCli } from './helpers/run-cli.js';
import { upWithTraffic } from './helpers/stack-with-traffic.js';

// A real learner in a real browser: Debian's chromium, driven by playwright-core, types two
// queries into the Prometheus web UI that Debian's package serves and clicks Execute; then
// `workshop check exercise-1` grades exactly those two as the learner's work.

describe('the Prometheus web UI in a real browser', () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = await isolatedStackEnv();
    await upWithTraffic(env, 6);
  }, 120_000);
  afterAll(async () => {
    await runCli(['down', '--volumes'], { env });
  });

  it('grades the two queries typed into the UI, and nothing else', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${env.WORKSHOP_PROMETHEUS_URL}/classic/graph`);
      const run = async (query: string) => {
        const answered = page.waitForResponse(
          (res) => res.url().includes('/api/v1/query') && res.status() === 200,
        );
        await page.fill('#expr0', query);
        await page.click('.execute_btn');
        await answered;
      };
      await run('flask_http_request_duration_seconds_count');
      // A person types for seconds between two queries; a part of a query within a moment of it
      // is what the 3.5 UI's tree view sends, and is not the learner's (cli/grading/evidence).
      await page.waitForTimeout(2_700);
      await run('sum(rate(flask_http_request_duration_seconds_count[5m]))');
    } finally {
      await browser.close();
    }
    const r = await runCli(['check', 'exercise-1', '--json', '--wait', '0'], { env, timeoutMs: 60_000 });
    const work = JSON.parse(r.stdout).exercises.find((e: { section?: string }) => e.section === 'work');
    const attempted = work.checks.filter((c: { attempted?: boolean }) => c.attempted !== false);
    expect(
      attempted.map((c: { id: string; status: string; work: { query: string } }) => [
        c.id,
        c.status,
        c.work.query,
      ]),
    ).toEqual([
      ['exercise-1/A/3', 'pass', 'flask_http_request_duration_seconds_count'],
      ['exercise-1/A/5', 'pass', 'sum(rate(flask_http_request_duration_seconds_count[5m]))'],
    ]);
  }, 90_000);
});
