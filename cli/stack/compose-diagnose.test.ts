import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeExec, runInProcess } from '../../test/helpers/in-process.js';

// `up --backend compose` when `docker compose up` fails, with the docker runner injected: its
// answers are what engine 20.10 and Compose 2.40.3 printed (test/fixtures/docker), once where a
// privileged container cannot start (cAdvisor), once with a --wait-timeout too short.
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/docker');
const recorded = (file: string) => readFileSync(path.join(fixtures, file), 'utf8');

function failingUp(scenario: { stderr: string; ps: string }) {
  return fakeExec((cmd, args) => {
    if (cmd !== 'docker') return undefined;
    const line = args.join(' ');
    if (line === 'compose version --short') return { stdout: '2.40.3-3\n' };
    if (args[0] === 'image') return { stdout: 'sha256:0b4d70ef058b\n' };
    if (args.includes('config')) return { stdout: recorded('compose-config.json') };
    if (args.includes('ps')) return { stdout: scenario.ps };
    if (args.includes('up')) return { exitCode: 1, stderr: scenario.stderr };
    // Containers that only started a moment ago have printed nothing yet.
    if (args.includes('logs')) return { stdout: '' };
    if (line === 'inspect prometheus-cadvisor')
      return { stdout: recorded('inspect-cadvisor-start-failed.json') };
    if (args[0] === 'inspect') return { stdout: recorded('inspect-prometheus-created.json') };
    return undefined;
  });
}

describe('up --backend compose: why docker compose up failed', () => {
  it("names the engine's reason for a container that could not start, and no empty log blocks", async () => {
    const { exec, calls } = failingUp({
      stderr: recorded('compose-up-privileged.stderr'),
      ps: recorded('compose-ps-start-failed.jsonl'),
    });
    const r = await runInProcess(['up', '--backend', 'compose'], { exec });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain(
      'cadvisor did not start: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown',
    );
    expect(r.stderr).toContain(
      'prometheus was created but not started: it waits for the services it depends on',
    );
    expect(r.stderr).not.toContain('last log lines');
    // Created containers have no logs to ask for.
    expect(calls.filter((c) => c.includes(' logs ')).map((c) => c.split(' ').at(-1))).toEqual([
      'grading',
      'node-exporter',
      'statsd',
    ]);
    expect(r.stderr).toContain('fix the service named above');
  });

  it('after "timeout waiting for dependencies", points at --timeout', async () => {
    const { exec } = failingUp({
      stderr: recorded('compose-up-timeout.stderr'),
      ps: recorded('compose-ps-timeout.jsonl'),
    });
    const r = await runInProcess(['up', '--backend', 'compose', '--timeout', '4'], { exec });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('timeout waiting for dependencies');
    expect(r.stderr).toContain('the stack was not healthy within --timeout 4 s');
    expect(r.stderr).toContain('`workshop up --timeout 600`');
    expect(r.stderr).not.toMatch(/last log lines of \S+:\n\s*\n/);
  });
});
