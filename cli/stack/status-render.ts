import { Chalk } from 'chalk';
import type { StackStatus } from './status.js';

/** The human view of `workshop status`: services, then Prometheus targets. Pure. */
export function renderStatus(status: StackStatus, color: boolean, stateDir: string): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const mark = (state: string) =>
    state === 'up' ? c.green('✓ up') : state === 'not available' ? c.dim('○ not available') : c.red('✗ down');
  const lines = [
    status.recorded
      ? `Backend: ${status.backend}`
      : `Backend: ${status.backend} (no \`workshop up\` is recorded in ${stateDir}; \`workshop up\` starts the stack)`,
    '',
    'Services:',
  ];
  for (const s of status.services) {
    lines.push(
      `  ${s.name.padEnd(14)} ${s.url.padEnd(24)} ${mark(s.state)}${s.detail ? c.dim(`  ${s.detail.trim()}`) : ''}`,
    );
  }
  lines.push('', 'Prometheus targets:');
  if (status.targetsError) lines.push(`  ${c.red(status.targetsError.trim())}`);
  else if (status.targets.length === 0) lines.push(`  ${c.red('none')}`);
  for (const t of status.targets) {
    const health = t.health === 'up' ? c.green('✓ up') : c.red(`✗ ${t.health}`);
    lines.push(
      `  ${t.job.padEnd(18)} ${t.instance.padEnd(22)} ${health}${t.lastError ? c.dim(`  ${t.lastError.trim()}`) : ''}`,
    );
  }
  lines.push(
    '',
    status.healthy
      ? c.green('All services and targets are healthy.')
      : c.red('Something is down (see above).'),
  );
  return `${lines.join('\n')}\n`;
}
