import { z } from 'zod';
import { exercises } from '../../exercises/registry.js';
import type { HttpClient } from '../http/fetch-json.js';
import { PrometheusClient } from '../prometheus/client.js';
import { classJob, rosterLabel } from './class-config.js';
import { buildGrid, type ClassGrid, type Sample, type TargetHealth } from './grid.js';
import type { Roster } from './roster.js';

/**
 * The whole class in one query: every learner's check states, tries, first tries and scores,
 * when each was last seen (the timestamp of their workshop_info, federated or pushed), and which
 * federated learners answer.
 */
export const classQuery = [
  '{__name__=~"workshop_(score|score_max|check_state|check_first_attempt_timestamp_seconds|check_first_pass_timestamp_seconds|attempts_total)"}',
  `label_replace(max by (learner, ${rosterLabel}) (timestamp(workshop_info)), "seen", "1", "", "")`,
].join(' or ');

export function classChecks(): ClassGrid['checks'] {
  return exercises().flatMap((e) =>
    e.definition.checks.map((c) => ({ id: c.id, exercise: e.definition.id, title: c.title })),
  );
}

const learnerLabel = z.object({ learner: z.string() }).passthrough();

/** Reads the grid from the instructor's Prometheus. Throws an UpstreamError when it does not answer. */
export async function readClass(opts: {
  prometheusUrl: string;
  http: HttpClient;
  roster: Roster | undefined;
  nowMs: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}): Promise<ClassGrid> {
  const api = new PrometheusClient(opts.prometheusUrl, {
    http: opts.http,
    timeoutMs: opts.timeoutMs ?? 5_000,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const [result, targets] = await Promise.all([api.query(classQuery), api.targets()]);
  const samples: Sample[] =
    result.data.resultType === 'vector'
      ? result.data.result.map((s) => ({ metric: s.metric, value: Number(s.value[1]) }))
      : [];
  const health: TargetHealth[] = targets.flatMap((t) => {
    const labels = learnerLabel.safeParse(t.labels);
    if (t.scrapePool !== classJob || !labels.success) return [];
    return [
      {
        learner: labels.data.learner,
        health: t.health === 'up' ? 'up' : t.health === 'down' ? 'down' : 'unknown',
        lastError: t.lastError ?? '',
        lastScrapeDurationSeconds: t.lastScrapeDuration ?? 0,
      },
    ];
  });
  return buildGrid({
    samples,
    targets: health,
    roster: opts.roster,
    checks: classChecks(),
    nowMs: opts.nowMs,
  });
}
