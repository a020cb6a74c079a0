import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { GrafanaExercise } from '../../exercises/schema.js';
import { UpstreamError, UsageError } from '../errors.js';
import { writeAtomic } from '../fs-safe.js';
import { projectRoot } from '../paths.js';
import { type GrafanaClient, GrafanaNotFound } from './client.js';
import * as s from './schemas.js';

/**
 * What `solve` created, so `--undo` removes exactly that (and nothing a learner made), and what
 * `solve --force` replaced, kept exactly as Grafana returned it, so `--undo` puts it back.
 */
const kept = z.object({ uid: z.string(), json: z.string() });
const record = z.object({
  grafanaUrl: z.string(),
  created: z.object({
    dataSource: z.string().optional(),
    folder: z.string().optional(),
    dashboard: z.string().optional(),
    alertRule: z.string().optional(),
  }),
  replaced: z
    .object({
      dataSource: kept.optional(),
      dashboard: kept.optional(),
      /** The alert rule's whole group (solve sets the group's interval too); uid: `folder/group`. */
      ruleGroup: kept.optional(),
    })
    .default({}),
});
type SolveRecord = z.infer<typeof record>;

const ids = {
  dataSource: 'workshop-prometheus',
  folder: 'workshop',
  dashboard: 'golden-signals-workshop',
  alertRule: 'workshop-high-error-rate',
  group: 'golden-signals',
};
const recordFile = (stateDir: string) => path.join(stateDir, 'solve-exercise-2.json');
const dashboardFile = path.join(projectRoot, 'exercises', 'exercise-2', 'solution', 'dashboard.json');
const ok = z.looseObject({});
const enc = encodeURIComponent;
const groupPath = (folderUid: string, group: string) =>
  `/api/v1/provisioning/folder/${enc(folderUid)}/rule-groups/${enc(group)}`;
/** Rules saved through the API stay editable in Grafana's UI. */
const editable = { 'x-disable-provenance': 'true' };

/** One object of the learner's (or anyone's) that solve would replace, and how to keep a copy of it. */
interface Foreign {
  what: string;
  key: keyof SolveRecord['replaced'];
  uid: string;
  path: string;
}

/**
 * Applies the reference solution through Grafana's API; idempotent. Objects it did not make (a
 * learner's own "Prometheus" data source, dashboard or alert rule) are never overwritten without
 * `force`; with it, each is kept in the state dir first, byte for byte, for `undo` to put back.
 * Returns what it did, one line each.
 */
export async function solve(
  client: GrafanaClient,
  def: GrafanaExercise,
  opts: { dataSourceUrl: string; stateDir: string; force?: boolean },
): Promise<string[]> {
  const previous = await readRecord(opts.stateDir);
  const created: SolveRecord['created'] = { ...previous?.created };
  const replaced: SolveRecord['replaced'] = { ...previous?.replaced };
  const done: string[] = [];
  const save = () =>
    writeAtomic(
      recordFile(opts.stateDir),
      `${JSON.stringify({ grafanaUrl: client.baseUrl, created, replaced }, null, 2)}\n`,
    );

  const existing = (await client.dataSources()).find((d) => d.name === def.dataSource.name);
  const sameTitle = (await client.search(def.dashboard.title)).find(
    (h) => h.title.trim() === def.dashboard.title,
  );
  const rules = await client.alertRules();
  const rule = rules.find((r) => r.title.trim() === def.alert.title);

  const ours = (key: keyof SolveRecord['created'], uid: string) =>
    created[key] === uid || replaced[key as keyof SolveRecord['replaced']]?.uid === uid;
  const foreign: Foreign[] = [];
  if (existing && !ours('dataSource', existing.uid))
    foreign.push({
      what: `data source "${existing.name}"`,
      key: 'dataSource',
      uid: existing.uid,
      path: `/api/datasources/uid/${enc(existing.uid)}`,
    });
  if (sameTitle && !ours('dashboard', sameTitle.uid))
    foreign.push({
      what: `dashboard "${sameTitle.title}" (uid ${sameTitle.uid})`,
      key: 'dashboard',
      uid: sameTitle.uid,
      path: `/api/dashboards/uid/${enc(sameTitle.uid)}`,
    });
  if (
    rule &&
    created.alertRule !== rule.uid &&
    replaced.ruleGroup?.uid !== `${rule.folderUID}/${rule.ruleGroup}`
  )
    foreign.push({
      what: `alert rule "${rule.title}" (group ${rule.ruleGroup})`,
      key: 'ruleGroup',
      uid: `${rule.folderUID}/${rule.ruleGroup}`,
      path: groupPath(rule.folderUID, rule.ruleGroup),
    });
  if (foreign.length && !opts.force)
    throw new UsageError(
      `solve would overwrite what it did not make in ${client.baseUrl}: ${foreign.map((f) => f.what).join(', ')}; nothing was changed`,
      "that may be a learner's own work: leave it, or pass --force to replace it (a copy is kept in the state dir, and `solve exercise-2 --undo` puts it back)",
    );
  for (const f of foreign) {
    const json = await client.text(f.path).catch((error: unknown) => {
      throw new UpstreamError(
        'Grafana',
        `${client.baseUrl}${f.path}`,
        `cannot keep a copy of ${f.what}, so nothing was changed: ${(error as Error).message}`,
      );
    });
    replaced[f.key] = { uid: f.uid, json };
  }
  if (foreign.length) await save();

  const dsBody = {
    name: def.dataSource.name,
    type: def.dataSource.type,
    url: opts.dataSourceUrl,
    access: 'proxy',
    isDefault: true,
    jsonData: { timeInterval: def.dataSource.scrapeInterval, httpMethod: 'POST' },
  };
  let dsUid: string;
  if (existing) {
    await client.call('PUT', `/api/datasources/uid/${enc(existing.uid)}`, ok, {
      ...dsBody,
      uid: existing.uid,
    });
    dsUid = existing.uid;
    done.push(`data source ${def.dataSource.name}: updated (URL ${opts.dataSourceUrl})`);
  } else {
    await client.call('POST', '/api/datasources', ok, { ...dsBody, uid: ids.dataSource });
    dsUid = created.dataSource = ids.dataSource;
    done.push(`data source ${def.dataSource.name}: created (URL ${opts.dataSourceUrl})`);
  }
  await save();

  const folderExists = await client.get(`/api/folders/${ids.folder}`, s.folder).then(
    () => true,
    (e: unknown) => (e instanceof GrafanaNotFound ? false : Promise.reject(e)),
  );
  if (!folderExists) {
    await client.call('POST', '/api/folders', s.folder, { uid: ids.folder, title: 'Workshop' });
    created.folder = ids.folder;
    await save();
  }

  // The solution file names its data source by a placeholder uid, as exports do with __inputs.
  const placeholder = '__PROMETHEUS_UID__';
  const model = JSON.parse((await readFile(dashboardFile, 'utf8')).replaceAll(placeholder, dsUid)) as Record<
    string,
    unknown
  >;
  const uid = sameTitle?.uid ?? ids.dashboard;
  await client.call('POST', '/api/dashboards/db', ok, {
    dashboard: { ...model, id: null, uid },
    ...(sameTitle
      ? sameTitle.folderUid
        ? { folderUid: sameTitle.folderUid }
        : {}
      : { folderUid: ids.folder }),
    overwrite: true,
    message: 'workshop solve exercise-2',
  });
  if (!sameTitle) created.dashboard = uid;
  await save();
  done.push(`dashboard ${def.dashboard.title}: ${sameTitle ? 'overwritten' : 'created'}`);

  const ruleBody = alertRule(
    def,
    dsUid,
    rule?.uid ?? ids.alertRule,
    rule?.folderUID ?? ids.folder,
    rule?.ruleGroup ?? ids.group,
  );
  if (!rule) {
    await client.call('POST', '/api/v1/provisioning/alert-rules', ok, ruleBody, [], editable);
    created.alertRule = ruleBody.uid;
    await save();
  }
  // The evaluation interval lives on the rule group; PUT sets it and the rule's definition together.
  const others = rules.filter(
    (r) => r.folderUID === ruleBody.folderUID && r.ruleGroup === ruleBody.ruleGroup && r.uid !== ruleBody.uid,
  );
  await client.call(
    'PUT',
    groupPath(ruleBody.folderUID, ruleBody.ruleGroup),
    ok,
    {
      title: ruleBody.ruleGroup,
      folderUid: ruleBody.folderUID,
      interval: def.alert.intervalSeconds,
      rules: [...others, ruleBody],
    },
    [],
    editable,
  );
  done.push(
    `alert rule ${def.alert.title}: ${rule ? 'updated' : 'created'} (every ${def.alert.intervalSeconds} s, for ${def.alert.for})`,
  );
  for (const f of foreign) done.push(`${f.what}: a copy kept in ${recordFile(opts.stateDir)} for --undo`);
  return done;
}

/** Removes exactly what `solve` created and puts back what it replaced, newest first. */
export async function undo(client: GrafanaClient, stateDir: string): Promise<string[]> {
  const rec = await readRecord(stateDir);
  if (!rec) return [];
  const done: string[] = [];
  const gone = (e: unknown) => (e instanceof GrafanaNotFound ? undefined : Promise.reject(e));
  const { created, replaced } = rec;
  if (created.alertRule) {
    await client.call('DELETE', `/api/v1/provisioning/alert-rules/${created.alertRule}`, ok).catch(gone);
    done.push('alert rule removed');
  }
  if (replaced.ruleGroup) {
    const group = JSON.parse(replaced.ruleGroup.json) as { folderUid: string; title: string };
    const rules = (group as { rules?: { provenance?: string }[] }).rules ?? [];
    // Back as it was, provenance too: rules made through the API stay locked in the UI, others editable.
    const headers = rules.some((r) => r.provenance) ? {} : editable;
    await client.call('PUT', groupPath(group.folderUid, group.title), ok, group, [], headers);
    done.push(`alert rule group ${group.title}: put back as it was`);
  }
  if (created.dashboard) {
    await client.call('DELETE', `/api/dashboards/uid/${created.dashboard}`, ok).catch(gone);
    done.push('dashboard removed');
  }
  if (replaced.dashboard) {
    const saved = JSON.parse(replaced.dashboard.json) as {
      dashboard: { title?: string };
      meta?: { folderUid?: string };
    };
    await client.call('POST', '/api/dashboards/db', ok, {
      dashboard: saved.dashboard,
      ...(saved.meta?.folderUid ? { folderUid: saved.meta.folderUid } : {}),
      overwrite: true,
      message: 'workshop solve exercise-2 --undo: the dashboard as it was',
    });
    done.push(`dashboard ${saved.dashboard.title ?? replaced.dashboard.uid}: put back as it was`);
  }
  if (created.folder) {
    await client.call('DELETE', `/api/folders/${created.folder}`, ok).catch(gone);
    done.push('folder removed');
  }
  if (created.dataSource) {
    await client.call('DELETE', `/api/datasources/uid/${created.dataSource}`, ok).catch(gone);
    done.push('data source removed');
  }
  if (replaced.dataSource) {
    const saved = JSON.parse(replaced.dataSource.json) as { name?: string };
    await client.call('PUT', `/api/datasources/uid/${enc(replaced.dataSource.uid)}`, ok, saved);
    done.push(`data source ${saved.name ?? replaced.dataSource.uid}: put back as it was`);
  }
  await rm(recordFile(stateDir), { force: true });
  return done;
}

async function readRecord(stateDir: string): Promise<SolveRecord | undefined> {
  const text = await readFile(recordFile(stateDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = record.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The rule Grafana's UI makes for "IS ABOVE 5": query A, reduce B (last), threshold C. */
function alertRule(def: GrafanaExercise, dsUid: string, uid: string, folderUID: string, ruleGroup: string) {
  const expr = { datasource: { type: '__expr__', uid: '__expr__' } };
  return {
    uid,
    title: def.alert.title,
    folderUID,
    ruleGroup,
    condition: 'C',
    for: def.alert.for,
    noDataState: 'NoData',
    execErrState: 'Error',
    labels: {},
    annotations: { summary: 'Error rate is above 5% for 2 minutes' },
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: dsUid,
        model: {
          refId: 'A',
          expr: def.alert.query,
          instant: true,
          range: false,
          datasource: { type: 'prometheus', uid: dsUid },
          intervalMs: 1000,
          maxDataPoints: 43200,
        },
      },
      {
        refId: 'B',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: '__expr__',
        model: { refId: 'B', type: 'reduce', reducer: 'last', expression: 'A', ...expr },
      },
      {
        refId: 'C',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'B',
          ...expr,
          conditions: [
            {
              type: 'query',
              evaluator: { type: 'gt', params: [def.alert.above] },
              operator: { type: 'and' },
              query: { params: ['C'] },
              reducer: { type: 'last', params: [] },
            },
          ],
        },
      },
    ],
  };
}
