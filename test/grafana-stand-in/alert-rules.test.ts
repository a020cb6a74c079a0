import { beforeEach, describe, expect, it } from 'vitest';
import { errorRateRule } from './alert-rule-fixture.js';
import { useGrafanaStandIn } from './use-stand-in.js';

const RULES = '/api/v1/provisioning/alert-rules';
const GROUP = '/api/v1/provisioning/folder/alerts/rule-groups/golden-signals';

describe('Grafana stand-in: alerting provisioning API', () => {
  const { grafana, api } = useGrafanaStandIn();

  beforeEach(() => {
    grafana().state.addFolder({ uid: 'alerts', title: 'Alerts' });
  });

  it('creates a rule with 201 and answers the stored ProvisionedAlertRule', async () => {
    const r = await api('POST', RULES, { body: errorRateRule('alerts') });
    expect(r.status).toBe(201);
    const rule = r.body as Record<string, unknown>;
    const { data, for: forText, ...sent } = errorRateRule('alerts');
    expect(rule).toMatchObject({
      ...sent,
      id: 1,
      uid: expect.stringMatching(/^[a-z][a-z0-9]{13}$/),
      orgID: 1,
      for: forText,
      provenance: 'api',
      isPaused: false,
      updated: expect.stringMatching(/Z$/),
    });
    expect((rule.data as unknown[])[1]).toEqual({
      refId: 'B',
      queryType: '',
      relativeTimeRange: { from: 0, to: 0 },
      datasourceUid: '__expr__',
      model: {
        refId: 'B',
        type: 'reduce',
        reducer: 'last',
        expression: 'A',
        intervalMs: 1000,
        maxDataPoints: 43200,
      },
    });
    expect('interval' in rule || 'intervalSeconds' in rule).toBe(false);
  });

  it('leaves provenance out when X-Disable-Provenance is sent', async () => {
    const r = await api('POST', RULES, {
      body: errorRateRule('alerts'),
      headers: { 'X-Disable-Provenance': 'true' },
    });
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty('provenance');
  });

  it('lists rules, gets one by uid, and answers an unknown uid with an empty 404', async () => {
    const created = (await api('POST', RULES, { body: errorRateRule('alerts', { uid: 'high-errors' }) }))
      .body;
    expect((await api('GET', RULES)).body).toEqual([created]);
    expect((await api('GET', `${RULES}/high-errors`)).body).toEqual(created);
    const missing = await api('GET', `${RULES}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('');
  });

  it('gives a new group the default 60 s interval and lets PUT change it', async () => {
    const created = (await api('POST', RULES, { body: errorRateRule('alerts', { uid: 'high-errors' }) }))
      .body;
    const before = await api('GET', GROUP);
    expect(before.body).toEqual({
      title: 'golden-signals',
      folderUid: 'alerts',
      interval: 60,
      rules: [created],
    });

    const put = await api('PUT', GROUP, {
      body: { title: 'golden-signals', folderUid: 'alerts', interval: 30, rules: [created] },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ title: 'golden-signals', folderUid: 'alerts', interval: 30 });
    const after = (await api('GET', GROUP)).body as {
      interval: number;
      rules: { uid: string; for: string }[];
    };
    expect(after.interval).toBe(30);
    expect(after.rules.map((r) => [r.uid, r.for])).toEqual([['high-errors', '2m']]);
    expect(grafana().state.ruleGroupInterval('alerts', 'golden-signals')).toBe(30);
  });

  it('answers a group that does not exist with 404', async () => {
    const r = await api('GET', GROUP);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ message: 'Not found', statusCode: 404 });
  });

  it('refuses a group interval that is not a positive multiple of 10 s', async () => {
    grafana().state.addAlertRule(errorRateRule('alerts'));
    const r = await api('PUT', GROUP, { body: { interval: 45, rules: [] } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      message:
        'invalid alert rule: interval (45s) should be non-zero and divided exactly by scheduler interval: 10',
    });
  });

  it.each([
    ['no title', { title: '' }, 'invalid alert rule: title is empty'],
    ['no data', { data: [] }, 'invalid alert rule: no queries or expressions are found'],
    ['no rule group', { ruleGroup: '' }, 'invalid alert rule: rule group name cannot be empty'],
    [
      'a condition outside data',
      { condition: 'D' },
      'invalid alert rule: condition D does not exist, must be one of [A B C]',
    ],
    ['an unknown folder', { folderUID: 'nope' }, 'invalid alert rule: folder does not exist'],
    ['no folder', { folderUID: '' }, 'invalid alert rule: folder does not exist'],
    [
      'an unknown no-data state',
      { noDataState: 'Maybe' },
      'invalid alert rule: unknown NoData state option Maybe',
    ],
  ])('refuses a rule with %s with 400', async (_name, overrides, message) => {
    const r = await api('POST', RULES, { body: errorRateRule('alerts', overrides) });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ message });
  });

  it('refuses a `for` that is not a duration string as bad request data', async () => {
    for (const value of ['two minutes', 120, '']) {
      const r = await api('POST', RULES, { body: errorRateRule('alerts', { for: value }) });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ message: 'bad request data' });
    }
  });

  it('deletes a rule with 204', async () => {
    await api('POST', RULES, { body: errorRateRule('alerts', { uid: 'high-errors' }) });
    const r = await api('DELETE', `${RULES}/high-errors`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(grafana().state.alertRules).toHaveLength(0);
  });
});
