import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { GrafanaExercise } from '../../exercises/schema.js';
import { ensureDir } from '../fs-safe.js';
import { projectRoot } from '../paths.js';
import { type GrafanaClient, GrafanaNotFound } from './client.js';
import * as s from './schemas.js';

/** What `solve` created, so `--undo` removes exactly that (and nothing a learner made). */
const record = z.object({
  grafanaUrl: z.string(),
  created: z.object({
    dataSource: z.string().optional(),
    folder: z.string().optional(),
    dashboard: z.string().optional(),
    alertRule: z.string().optional(),
  }),
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

/** Applies the reference solution through Grafana's API; idempotent. Returns what it did, one line each. */
export async function solve(
  client: GrafanaClient,
  def: GrafanaExercise,
  opts: { dataSourceUrl: string; stateDir: string },
): Promise<string[]> {
  const previous = await readRecord(opts.stateDir);
  const created: SolveRecord['created'] = { ...previous?.created };
  const done: string[] = [];
  const save = async () => {
    await ensureDir(opts.stateDir);
    await writeFile(
      recordFile(opts.stateDir),
      `${JSON.stringify({ grafanaUrl: client.baseUrl, created }, null, 2)}\n`,
    );
  };

  const dsBody = {
    name: def.dataSource.name,
    type: def.dataSource.type,
    url: opts.dataSourceUrl,
    access: 'proxy',
    isDefault: true,
    jsonData: { timeInterval: def.dataSource.scrapeInterval, httpMethod: 'POST' },
  };
  const existing = (await client.dataSources()).find((d) => d.name === def.dataSource.name);
  let dsUid: string;
  if (existing) {
    await client.call('PUT', `/api/datasources/uid/${encodeURIComponent(existing.uid)}`, ok, {
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
  const sameTitle = (await client.search(def.dashboard.title)).find(
    (h) => h.title.trim() === def.dashboard.title,
  );
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

  const rules = await client.alertRules();
  const rule = rules.find((r) => r.title.trim() === def.alert.title);
  const ruleBody = alertRule(
    def,
    dsUid,
    rule?.uid ?? ids.alertRule,
    rule?.folderUID ?? ids.folder,
    rule?.ruleGroup ?? ids.group,
  );
  const headers = { 'x-disable-provenance': 'true' }; // editable in the UI afterwards
  if (!rule) {
    await client.call('POST', '/api/v1/provisioning/alert-rules', ok, ruleBody, [], headers);
    created.alertRule = ruleBody.uid;
    await save();
  }
  // The evaluation interval lives on the rule group; PUT sets it and the rule's definition together.
  const groupPath = `/api/v1/provisioning/folder/${encodeURIComponent(ruleBody.folderUID)}/rule-groups/${encodeURIComponent(ruleBody.ruleGroup)}`;
  const others = rules.filter(
    (r) => r.folderUID === ruleBody.folderUID && r.ruleGroup === ruleBody.ruleGroup && r.uid !== ruleBody.uid,
  );
  await client.call(
    'PUT',
    groupPath,
    ok,
    {
      title: ruleBody.ruleGroup,
      folderUid: ruleBody.folderUID,
      interval: def.alert.intervalSeconds,
      rules: [...others, ruleBody],
    },
    [],
    headers,
  );
  done.push(
    `alert rule ${def.alert.title}: ${rule ? 'updated' : 'created'} (every ${def.alert.intervalSeconds} s, for ${def.alert.for})`,
  );
  return done;
}

/** Removes exactly what `solve` created, newest first. */
export async function undo(client: GrafanaClient, stateDir: string): Promise<string[]> {
  const rec = await readRecord(stateDir);
  if (!rec) return [];
  const done: string[] = [];
  const gone = (e: unknown) => (e instanceof GrafanaNotFound ? undefined : Promise.reject(e));
  const { created } = rec;
  if (created.alertRule) {
    await client.call('DELETE', `/api/v1/provisioning/alert-rules/${created.alertRule}`, ok).catch(gone);
    done.push('alert rule removed');
  }
  if (created.dashboard) {
    await client.call('DELETE', `/api/dashboards/uid/${created.dashboard}`, ok).catch(gone);
    done.push('dashboard removed');
  }
  if (created.folder) {
    await client.call('DELETE', `/api/folders/${created.folder}`, ok).catch(gone);
    done.push('folder removed');
  }
  if (created.dataSource) {
    await client.call('DELETE', `/api/datasources/uid/${created.dataSource}`, ok).catch(gone);
    done.push('data source removed');
  }
  await rm(recordFile(stateDir), { force: true });
  return done;
}

async function readRecord(stateDir: string): Promise<SolveRecord | undefined> {
  const text = await readFile(recordFile(stateDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = record.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
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
