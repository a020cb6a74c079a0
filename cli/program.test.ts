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

  it('gives every command help with examples and exit codes', async () => {
    for (const name of Object.keys(commands)) {
      const r = await runInProcess([name, '--help']);
      expect(r.exitCode, name).toBe(0);
      expect(r.stdout, name).toContain('Examples:');
      expect(r.stdout, name).toContain('Exit codes:');
    }
  });
});
