import { describe, expect, it } from 'vitest';
import { StackError } from '../errors.js';
import { runSteps, type Step, StepRunner } from './runner.js';

interface Ctx {
  ran: string[];
}

/** A step that notes that it ran and returns its name; `fails` throws instead. */
const step = (
  name: string,
  more: Partial<Step<Ctx, string>> & { fails?: boolean } = {},
): Step<Ctx, string> => ({
  name,
  async run(ctx) {
    ctx.ran.push(name);
    if (more.fails) throw new StackError(`${name} broke`);
    return name;
  },
  report: (r) => ({ outcome: 'ok', detail: `${r} done` }),
  ...more,
});

function clock() {
  let t = 0;
  const abort = new AbortController();
  return { now: () => (t += 500), signal: abort.signal, abort: () => abort.abort() };
}

describe('runSteps', () => {
  it('runs every step in order and times each one', async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const { failure } = await runSteps([step('up'), step('traffic')], ctx, runner);
    expect(failure).toBeUndefined();
    expect(ctx.ran).toEqual(['up', 'traffic']);
    expect(runner.records).toEqual([
      { name: 'up', seconds: 0.5, outcome: 'ok', detail: 'up done' },
      { name: 'traffic', seconds: 0.5, outcome: 'ok', detail: 'traffic done' },
    ]);
  });

  it('a failure stops the steps after it but the cleanups, and is returned', async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const steps = [step('up', { fails: true }), step('traffic'), step('down', { cleanup: true })];
    const { failure } = await runSteps(steps, ctx, runner);
    expect((failure as Error).message).toBe('up broke');
    expect(ctx.ran).toEqual(['up', 'down']);
    expect(runner.records.map((r) => `${r.name}:${r.outcome}`)).toEqual(['up:failed', 'down:ok']);
  });

  it("a step that may fail is recorded as failed, with the error's cleanup, and the run goes on", async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const broken: Step<Ctx, string> = {
      ...step('solve'),
      run: async () => {
        const e = new StackError('wrong password');
        e.cleanup = 'removed what it made';
        throw e;
      },
      mayFail: true,
    };
    const { failure } = await runSteps([broken, step('checks')], ctx, runner);
    expect(failure).toBeUndefined();
    expect(runner.records[0]).toMatchObject({
      outcome: 'failed',
      detail: 'wrong password; removed what it made',
    });
    expect(ctx.ran).toEqual(['checks']);
  });

  it('a result can stop the run as an error, after its own line', async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const gone = new StackError('the webapp went away');
    const steps = [step('traffic', { stopsOn: () => gone }), step('checks')];
    expect((await runSteps(steps, ctx, runner)).failure).toBe(gone);
    expect(runner.records.map((r) => r.name)).toEqual(['traffic']);
  });

  it('`when` skips a step with a line and its reason, or without a line', async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const steps = [
      step('solve', { when: async () => ({ skip: 'no Grafana', fix: 'name one' }), optional: true }),
      step('undo', { when: () => false }),
    ];
    await runSteps(steps, ctx, runner);
    expect(ctx.ran).toEqual([]);
    expect(runner.records).toEqual([
      {
        name: 'solve',
        seconds: 0,
        outcome: 'skipped',
        detail: 'no Grafana',
        fix: 'name one',
        optional: true,
      },
    ]);
  });

  it('after Ctrl-C only the cleanups run, and a throw is "interrupted", not "failed"', async () => {
    const ctx: Ctx = { ran: [] };
    const c = clock();
    const runner = new StepRunner(c);
    const interrupted: Step<Ctx, string> = {
      ...step('up'),
      run: async () => {
        c.abort();
        throw new StackError('interrupted while starting');
      },
    };
    await runSteps([interrupted, step('traffic'), step('down', { cleanup: true })], ctx, runner);
    expect(runner.records.map((r) => `${r.name}:${r.outcome}`)).toEqual(['up:interrupted', 'down:ok']);
  });

  it('a failed step gets its fix, from the error when the fix needs it; an ok one never', async () => {
    const ctx: Ctx = { ran: [] };
    const runner = new StepRunner(clock());
    const fix = (e: unknown) => `about ${(e as Error).message}`;
    await runSteps(
      [step('a', { fix, mayFail: true, fails: true }), step('b', { fix: 'never shown' })],
      ctx,
      runner,
    );
    expect(runner.records[0]).toMatchObject({ outcome: 'failed', fix: 'about a broke' });
    expect(runner.records[1]).not.toHaveProperty('fix');
  });

  it('says when each step starts (preflight shows it on the spinner)', async () => {
    const started: string[] = [];
    await runSteps(
      [step('up'), step('traffic')],
      { ran: [] },
      new StepRunner(clock(), (n) => started.push(n)),
    );
    expect(started).toEqual(['up', 'traffic']);
  });
});
