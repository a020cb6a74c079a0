import { describe, expect, it, vi } from 'vitest';
import { runInProcess, testContext } from '../test/helpers/in-process.js';
import { type CommandModule, commandOf, commands, createProgram } from './program.js';
import { version } from './version.js';

describe('the router', () => {
  it('loads no command for --version or --help, and only the one that runs', async () => {
    const load = vi.fn(
      async (): Promise<CommandModule> => ({ register: (cmd) => void cmd.option('--json').action(() => {}) }),
    );
    const table = Object.fromEntries(Object.entries(commands).map(([name, c]) => [name, { ...c, load }]));
    const ctx = await testContext();
    for (const argv of [['--version'], ['--help']]) {
      const program = await createProgram(ctx, argv, table);
      await program.parseAsync(argv, { from: 'user' }).catch(() => undefined);
    }
    expect(load).not.toHaveBeenCalled();
    await (await createProgram(ctx, ['status', '--json'], table)).parseAsync(['status', '--json'], {
      from: 'user',
    });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('finds the command in argv, help included', () => {
    expect(commandOf(['--version'])).toBeUndefined();
    expect(commandOf(['check', 'exercise-1', '--json'])).toBe('check');
    expect(commandOf(['help', 'smoke'])).toBe('smoke');
  });

  it('prints the version, lists every command in --help, and exits 2 on an unknown command', async () => {
    const v = await runInProcess(['--version']);
    expect(v).toMatchObject({ exitCode: 0, stdout: `${version}\n` });
    const help = await runInProcess(['--help']);
    for (const name of Object.keys(commands)) expect(help.stdout).toContain(name);
    const bad = await runInProcess(['chek']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("unknown command 'chek'");
  });

  it('gives every command and subcommand help ending with its own examples and exit codes', async () => {
    const subcommands = ['init', 'up', 'down', 'status', 'board'].map((sub) => ['class', sub]);
    for (const argv of [...Object.keys(commands).map((name) => [name]), ...subcommands]) {
      const what = argv.join(' ');
      const r = await runInProcess([...argv, '--help']);
      expect(r.exitCode, what).toBe(0);
      const examples = r.stdout.slice(r.stdout.lastIndexOf('Examples:'));
      expect(examples, what).toMatch(/^Examples:\n {2}\$ workshop /);
      // The examples are this command's own: `class up --help` shows `workshop class up`.
      expect(examples, what).toContain(`$ workshop ${what}`);
      expect(examples, what).toMatch(/\nExit codes:\n {2}\d/);
    }
  });

  it('lists every traffic mode in the help and in the hint for an unknown one (flood too)', async () => {
    const { modes } = await import('./traffic/modes.js');
    const help = await runInProcess(['traffic', '--help']);
    const unknown = await runInProcess(['traffic', 'nope']);
    expect(unknown.exitCode).toBe(2);
    for (const mode of Object.keys(modes)) {
      expect(help.stdout, mode).toMatch(new RegExp(`\\n {2}${mode} +\\S`));
      expect(unknown.stderr, mode).toMatch(new RegExp(`[ ,]${mode}(,|$)`, 'm'));
    }
  });
});
