import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExec, fakeProcesses, runInProcess, testContext } from '../../test/helpers/in-process.js';
import { stateDirEntries, stateDirMarker } from '../stack/state-dir.js';

/** A folder of the user's own: a file and a sub-folder workshop never made, plus one name it uses. */
async function usersFolder(dir: string): Promise<string[]> {
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(path.join(dir, 'notes.txt'), 'mine\n');
  await mkdir(path.join(dir, 'logs'));
  await writeFile(path.join(dir, 'logs', 'app.log'), 'mine too\n');
  return (await readdir(dir)).sort();
}

const native = ['--backend', 'native'];
const emptyState = JSON.stringify({
  backend: 'native',
  startedAt: '',
  urls: {},
  processes: {},
  unavailable: {},
});

describe('down --volumes deletes only the state dir that up made', () => {
  for (const [name, argv, env] of [
    ['--state-dir .', ['down', '--volumes', ...native, '--state-dir', '.'], {}],
    ['a folder given by its absolute path', ['down', '--volumes', ...native, '--state-dir', 'CWD'], {}],
    ['WORKSHOP_STATE_DIR=.', ['down', '--volumes', ...native], { WORKSHOP_STATE_DIR: '.' }],
  ] as const) {
    it(`refuses the user's folder (${name}) with exit 2 and removes nothing`, async () => {
      const ctx = await testContext({ env });
      const before = await usersFolder(ctx.cwd);
      const r = await runInProcess(
        argv.map((a) => (a === 'CWD' ? ctx.cwd : a)),
        { cwd: ctx.cwd, env: { ...ctx.env, ...env } },
      );
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toContain('workshop did not make it');
      expect(r.stdout).toBe('');
      expect((await readdir(ctx.cwd)).sort()).toEqual(before);
      expect(await readFile(path.join(ctx.cwd, 'notes.txt'), 'utf8')).toBe('mine\n');
    });
  }

  for (const [name, argv, env] of [
    ['--state-dir ""', ['down', '--volumes', ...native, '--state-dir', ''], {}],
    ['WORKSHOP_STATE_DIR=""', ['down', '--volumes', ...native], { WORKSHOP_STATE_DIR: '' }],
    ['up --state-dir ""', ['up', ...native, '--state-dir', ''], {}],
    ['up --state-dir "  "', ['up', ...native, '--state-dir', '  '], {}],
    ['status with WORKSHOP_STATE_DIR=""', ['status'], { WORKSHOP_STATE_DIR: '' }],
  ] as const) {
    it(`an empty state dir is a usage error: ${name}`, async () => {
      const ctx = await testContext();
      const procs = fakeProcesses();
      const before = await usersFolder(ctx.cwd);
      const r = await runInProcess([...argv], {
        cwd: ctx.cwd,
        env: { ...ctx.env, ...env },
        processes: procs.processes,
      });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/(--state-dir|WORKSHOP_STATE_DIR) is empty/);
      expect(procs.started).toEqual([]);
      expect((await readdir(ctx.cwd)).sort()).toEqual(before);
    });
  }

  it('up refuses a folder holding files it did not make, before anything is written or started', async () => {
    const ctx = await testContext();
    const procs = fakeProcesses();
    const before = await usersFolder(ctx.cwd);
    const r = await runInProcess(['up', ...native, '--state-dir', '.'], {
      cwd: ctx.cwd,
      env: ctx.env,
      processes: procs.processes,
    });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain('it holds files workshop did not make (notes.txt, src)');
    expect(procs.started).toEqual([]);
    expect((await readdir(ctx.cwd)).sort()).toEqual(before);
  });

  it('refuses a marked state dir that also holds something else, and removes nothing', async () => {
    const ctx = await testContext();
    const dir = ctx.env.WORKSHOP_STATE_DIR as string;
    await mkdir(path.join(dir, 'traffic'), { recursive: true });
    await writeFile(path.join(dir, stateDirMarker), '');
    await writeFile(path.join(dir, 'progress.json'), '{}');
    await writeFile(path.join(dir, 'thesis.tex'), 'years of work');
    const r = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toContain('it holds files workshop did not make (thesis.tex)');
    expect((await readdir(dir)).sort()).toEqual([stateDirMarker, 'progress.json', 'thesis.tex', 'traffic']);
  });

  it('deletes every known entry of a marked state dir, and the folder', async () => {
    const ctx = await testContext();
    const dir = ctx.env.WORKSHOP_STATE_DIR as string;
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, stateDirMarker), '');
    for (const entry of stateDirEntries)
      await writeFile(path.join(dir, entry), entry === 'stack.json' ? emptyState : 'x');
    await writeFile(path.join(dir, 'progress.json.123.tmp'), 'x');
    const r = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`native stack: nothing was running; data deleted (${dir}).\n`);
    expect(await readdir(path.dirname(dir))).not.toContain('state');
  });

  it('a state dir given as a symbolic link: its entries deleted, the link and its folder kept (no internal error)', async () => {
    const ctx = await testContext();
    const dir = ctx.env.WORKSHOP_STATE_DIR as string;
    const real = path.join(ctx.cwd, 'elsewhere');
    await mkdir(path.join(real, 'logs'), { recursive: true });
    await writeFile(path.join(real, stateDirMarker), '');
    await writeFile(path.join(real, 'stack.json'), emptyState);
    await mkdir(path.dirname(dir), { recursive: true });
    await symlink(real, dir);
    const r = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(`native stack: nothing was running; data deleted (${dir}).\n`);
    expect((await lstat(dir)).isSymbolicLink()).toBe(true);
    expect(await readdir(real)).toEqual([]);
  });

  it("refuses while it keeps the learner's Grafana objects that solve --force replaced (the only copy), then deletes after --undo", async () => {
    const ctx = await testContext();
    const dir = ctx.env.WORKSHOP_STATE_DIR as string;
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, stateDirMarker), '');
    await writeFile(path.join(dir, 'stack.json'), emptyState);
    const record = (replaced: object) =>
      JSON.stringify({ grafanaUrl: 'http://localhost:3000', created: {}, replaced });
    await writeFile(
      path.join(dir, 'solve-exercise-2.json'),
      record({ dashboard: { uid: 'my-golden', json: '{"dashboard":{"title":"Golden Signals Workshop"}}' } }),
    );
    const r = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('the only copy of what `solve --force` replaced in Grafana (dashboard)');
    expect(r.stderr).toContain('workshop solve exercise-2 --undo');
    expect(await readdir(dir)).toContain('solve-exercise-2.json');
    // What solve only created (nothing of the learner's) does not stop it.
    await writeFile(path.join(dir, 'solve-exercise-2.json'), record({}));
    const after = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(after.exitCode, after.stderr).toBe(0);
    expect(after.stdout).toContain('data deleted');
  });

  it('says there is no data to delete when the state dir does not exist', async () => {
    const r = await runInProcess(['down', '--volumes', ...native]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('native stack: nothing was running; no data to delete.\n');
  });

  it('a state dir from before the marker (only known entries) is claimed by up, then deletable', async () => {
    const ctx = await testContext();
    const dir = ctx.env.WORKSHOP_STATE_DIR as string;
    await mkdir(path.join(dir, 'traffic'), { recursive: true });
    await writeFile(path.join(dir, 'learner'), 'Ada\n');
    // up fails later (no prometheus on an empty PATH), but the folder is workshop's by then.
    const r = await runInProcess(['up', ...native, '--no-install'], { env: ctx.env, exec: fakeExec().exec });
    expect(r.exitCode, r.stderr).toBe(3);
    expect(await readdir(dir)).toContain(stateDirMarker);
    const down = await runInProcess(['down', '--volumes', ...native], { env: ctx.env });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toContain('data deleted');
  });

  for (const command of ['up', 'down', 'status', 'check']) {
    it(`${command} --state-dir <a file> is a usage error (2), not a raw ENOTDIR`, async () => {
      const ctx = await testContext();
      const file = path.join(ctx.cwd, 'a-file');
      await writeFile(file, 'not a folder');
      const r = await runInProcess([command, ...native, '--state-dir', file], { env: ctx.env });
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${file} cannot be used: it is not a folder`);
      expect(r.stderr).not.toContain('ENOTDIR');
    });
  }
});
