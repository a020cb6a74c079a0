import type { UpResult } from '../phases/up.js';
import { ownGrafanaNote } from './own-grafana.js';

/** A Grafana of the learner's that answers where the backend has none: it is listed as theirs. */
export interface OwnGrafana {
  own: boolean;
  /** The services the backend lacks, without that Grafana. */
  unavailable: Record<string, string>;
}

/**
 * What `workshop up` says: what it did, each running service with its URL, whose progress it
 * reports and where to, and what is not available here; or all of it as one JSON document.
 */
export function renderUp(r: UpResult, own: OwnGrafana, json: boolean): string {
  const running = r.backend === 'native' ? Object.keys(r.state.processes) : Object.keys(r.state.urls);
  if (own.own) running.push('grafana');
  // The grading Prometheus listens on a port of its own choosing, kept apart from the services' URLs.
  const urlOf = (n: string) => r.state.urls[n] ?? (n === 'grading' ? r.state.grading?.url : undefined) ?? '';
  const urls = Object.fromEntries(running.map((n) => [n, urlOf(n)]));
  if (json) {
    const doc = {
      backend: r.backend,
      reason: r.reason,
      alreadyUp: r.alreadyUp,
      ...(r.restarted ? { restarted: r.restarted } : {}),
      ...(r.recreated ? { recreated: r.recreated } : {}),
      ...(r.reloaded ? { reloaded: true } : {}),
      urls,
      learner: r.reporting.learner,
      ...(r.reporting.reportTo ? { reportTo: r.reporting.reportTo } : {}),
      unavailable: own.unavailable,
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const lines: string[] = [];
  const out = (s: string) => lines.push(s);
  out(
    r.alreadyUp
      ? r.reloaded
        ? `The ${r.backend} stack is already up: Prometheus reloaded its config to apply the learner name and --report-to; nothing was restarted.`
        : `The ${r.backend} stack is already up; nothing to do.`
      : r.restarted
        ? `The ${r.backend} stack is up again: restarted ${r.restarted.join(', ')}, which had stopped; the rest ran on.`
        : r.recreated
          ? `The ${r.backend} stack is up: recreated ${r.recreated.join(', ')} to apply the learner name and --report-to (their data is kept); the rest ran on.`
          : `The ${r.backend} stack is up (${r.reason}).`,
  );
  for (const [name, url] of Object.entries(urls))
    out(`  ${name.padEnd(14)} ${url}${own.own && name === 'grafana' ? ` (${ownGrafanaNote})` : ''}`);
  out(
    `  your progress  as "${r.reporting.learner}"${r.reporting.reportTo ? `, pushed to ${r.reporting.reportTo}` : ''} (${r.state.urls.progress ?? ''}/probe?module=exercise-1)`,
  );
  for (const [name, why] of Object.entries(own.unavailable))
    out(`  ${name.padEnd(14)} not available: ${why}`);
  return lines.map((l) => `${l}\n`).join('');
}
