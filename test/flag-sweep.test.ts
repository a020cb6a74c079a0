import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/program.js';
import { fakeExec, fakeHttp, fakeProcesses, runInProcess, testContext } from './helpers/in-process.js';

// Every flag of every command, given a bad value: one clear line (plus at most a hint), exit 2,
// no stack trace, nothing started, nothing asked of the network.
const badValues: Record<string, string[]> = {
  '--backend': ['podman'],
  '--state-dir': ['/proc/self/workshop'],
  '--app-url': ['localhost:3001', 'http://localhost:99999', 'http://u:p@127.0.0.1:3001'],
  '--prometheus-url': ['not a url', 'ftp://127.0.0.1:9090', 'http://u:p@127.0.0.1:9090'],
  '--grafana-url': ['grafana', 'http://127.0.0.1:0'],
  '--node-exporter-url': ['://'],
  '--statsd-url': ['statsd:9102'],
  '--cadvisor-url': ['x'],
  '--progress-url': ['progress:9199'],
  '--grading-url': ['grading:9091', 'ftp://127.0.0.1:9091'],
  '--learner': ['<script>', ''],
  '--report-to': ['10.0.0.5:9095', 'u:p@10.0.0.5:9095', 'ftp://u:p@10.0.0.5'],
  '--port': ['70000', '-1', 'x', '0', '65536', '1e3', '0x50', ' 80', ''],
  '--host': ['256.0.0.1', 'example.com', 'bogus', '999.1.1.1', '10.9.9.9'],
  '--roster': ['/nonexistent/roster.yaml'],
  '--dir': ['/nonexistent/class'],
  '--shard': ['2/2', 'x'],
  '--query-log': ['/nonexistent/queries.log'],
  '--timeout': ['0', '-5', 'soon', '99999'],
  '--wait': ['-1', 'x', '1e9'],
  '--seed': ['-1', '1.5', 'x'],
  '--time-scale': ['0', '2', '1e-9', 'fast'],
  '--concurrency': ['0', '2000'],
  '--duration': ['0', 'x'],
  '--rate': ['-1'],
  '--path': ['health'],
  '--base-url': ['ftp://x'],
  '--answers': ['no-such-answers.yaml'],
  '--junit': ['no/such/dir/report.xml'],
  '--run': ['(', 'ZZZ'],
  '--mode': ['nope'],
  '--since': ['yesterday', '5 minutes'],
};
/** Strings any value of which is valid: nothing to sweep. */
const anyValue = new Set(['--grafana-user', '--grafana-password']);
/** A valid positional argument (or required flag), so that the swept flag is what is wrong. */
const argsFor: Record<string, string[]> = {
  traffic: ['quick'],
  solve: ['exercise-2'],
  check: ['exercise-1'],
  'class init': ['--roster', 'ROSTER'],
  // A class that exists (the swept --dir comes after, and wins): the flag is what is wrong.
  'class up': ['--dir', 'CLASS'],
  'class down': ['--dir', 'CLASS'],
  'class status': ['--dir', 'CLASS'],
  'class board': ['--dir', 'CLASS'],
};
/** Flags whose bad values are only bad for commands that write there, or use them. */
const onlyFor: Record<string, string[]> = {
  '--state-dir': ['traffic'],
  '--answers': ['check'],
  '--dir': ['class status', 'class board', 'class up'],
};

/** Every command and `class` subcommand, as its argv prefix, with the flags that take a value. */
async function commandsAndFlags(): Promise<[string, string[]][]> {
  const found: [string, string[]][] = [];
  const valued = (c: Command) => c.options.filter((o) => o.required || o.optional).map((o) => o.long ?? '');
  for (const name of Object.keys(commands)) {
    const cmd = new Command(name);
    (await commands[name]?.load())?.register(cmd, await testContext());
    if (cmd.commands.length)
      for (const sub of cmd.commands) found.push([`${name} ${sub.name()}`, valued(sub)]);
    else found.push([name, valued(cmd)]);
  }
  return found;
}

describe('the flag sweep', () => {
  it('has a bad value for every flag that takes one, in every command and class subcommand', async () => {
    const all = await commandsAndFlags();
    expect(all.map(([name]) => name)).toEqual(
      expect.arrayContaining(['class init', 'class up', 'class down', 'class status', 'class board']),
    );
    for (const [name, flags] of all)
      for (const flag of flags)
        if (!anyValue.has(flag)) expect(badValues[flag], `${name} ${flag}`).toBeDefined();
  });

  it('gives one clear line and exit 2 for each, with nothing started', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'workshop-sweep-'));
    const roster = path.join(dir, 'roster.yaml');
    const classDir = path.join(dir, 'class');
    await writeFile(roster, 'learners:\n  - name: Ada\n    prometheus: http://127.0.0.1:1\n');
    expect((await runInProcess(['class', 'init', '--roster', roster, '--dir', classDir])).exitCode).toBe(0);
    const cases: [string, string, string][] = [];
    for (const [name, flags] of await commandsAndFlags()) {
      for (const flag of flags) {
        if (anyValue.has(flag)) continue;
        // An empty value never silently means "none" or "the current folder", in any command.
        cases.push([name, flag, '']);
        if (onlyFor[flag] && !onlyFor[flag]?.includes(name)) continue;
        for (const value of badValues[flag] ?? []) cases.push([name, flag, value]);
      }
    }
    expect(cases.length).toBeGreaterThan(150);
    for (const [name, flag, value] of cases) {
      const procs = fakeProcesses();
      const exec = fakeExec();
      const http = fakeHttp({}, 'refuse');
      const args = (argsFor[name] ?? []).map((a) => (a === 'ROSTER' ? roster : a === 'CLASS' ? classDir : a));
      const r = await runInProcess([...name.split(' '), ...args, flag, value], {
        processes: procs.processes,
        exec: exec.exec,
        http: http.http,
        cwd: dir,
      });
      const what = `workshop ${name} ${flag} ${JSON.stringify(value)}: ${r.stderr}`;
      expect(r.exitCode, what).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines.length, what).toBeLessThanOrEqual(2);
      expect(lines[0], what).toMatch(/^(workshop: |error: )/);
      expect(
        lines.slice(1).every((l) => /^ {2}hint: |^\(run with --help for usage\)$/.test(l)),
        what,
      ).toBe(true);
      expect(r.stderr, what).not.toMatch(/internal error|\n\s+at /);
      expect(r.stderr, what).not.toContain(':p@');
      expect(procs.started, what).toEqual([]);
      expect(http.seen, what).toEqual([]);
    }
  }, 120_000);
});
