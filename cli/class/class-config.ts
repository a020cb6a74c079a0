import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Roster } from './roster.js';

/** The federation job's name: `up{job="workshop-class"}` says which learners answer. */
export const classJob = 'workshop-class';
/** Federation every 2 s: with the learner's 1 s probe, a pass is on the board within 5 s. */
export const federateIntervalSeconds = 2;
export const learnersFile = 'learners.json';

export interface Shard {
  index: number;
  count: number;
}

/** `--shard 1/2`: this instructor Prometheus keeps the learners that hash to shard 1 of 2 (0-based). */
export function parseShard(raw: string): Shard {
  const m = raw.match(/^(\d+)\/(\d+)$/);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new Error(`--shard must be i/n with 0 ≤ i < n, such as 0/2 (got "${raw}")`);
  return { index, count };
}

/**
 * The roster entry a federated series came from: a target label the learner's own series never
 * carry, so honor_labels keeps it beside their `learner` label (which says what their stack
 * calls itself). The two differ when a learner's `--learner` has a typo.
 */
export const rosterLabel = 'roster_learner';

/** The file_sd targets: one per federated learner, labelled with their name (editing it needs no restart). */
export function fileSdTargets(roster: Roster) {
  return roster.learners.flatMap((l) => {
    if (!l.prometheus) return [];
    const u = new URL(l.prometheus);
    const prefix = u.pathname.replace(/\/+$/, '');
    return [
      {
        targets: [u.host],
        labels: {
          learner: l.name,
          [rosterLabel]: l.name,
          __scheme__: u.protocol.replace(':', ''),
          ...(prefix ? { __metrics_path__: `${prefix}/federate` } : {}),
        },
      },
    ];
  });
}

/**
 * The instructor's Prometheus: one federation job over every learner's Prometheus, only the
 * `workshop_*` series, their labels kept (honor_labels). With a shard, only the learners whose
 * name hashes to it (hashmod), so a school spreads classes over several servers.
 */
export function classPrometheusConfig(
  learnersFile: string,
  cls: { roster: Roster; shard?: Shard | undefined },
): string {
  const opts = { learnersFile, shard: cls.shard, className: cls.roster.class };
  const shard = opts.shard
    ? [
        {
          source_labels: ['learner'],
          modulus: opts.shard.count,
          target_label: '__tmp_shard',
          action: 'hashmod',
        },
        { source_labels: ['__tmp_shard'], regex: String(opts.shard.index), action: 'keep' },
      ]
    : [];
  return stringify({
    global: {
      scrape_interval: '15s',
      evaluation_interval: '15s',
      external_labels: {
        monitor: 'workshop-class',
        ...(opts.className ? { class: opts.className } : {}),
        ...(opts.shard ? { shard: `${opts.shard.index}/${opts.shard.count}` } : {}),
      },
    },
    scrape_configs: [
      {
        job_name: classJob,
        scrape_interval: `${federateIntervalSeconds}s`,
        scrape_timeout: `${federateIntervalSeconds}s`,
        honor_labels: true,
        metrics_path: '/federate',
        params: { 'match[]': ['{__name__=~"workshop_.*"}'] },
        file_sd_configs: [{ files: [opts.learnersFile], refresh_interval: '5s' }],
        ...(shard.length ? { relabel_configs: shard } : {}),
      },
    ],
  });
}

/** The shard Prometheus's `hashmod` puts a learner in: md5 of the name, its last 8 bytes as a big-endian integer, mod n. */
export function shardOf(learner: string, count: number): number {
  const sum = createHash('md5').update(learner).digest();
  return Number(sum.readBigUInt64BE(8) % BigInt(count));
}
