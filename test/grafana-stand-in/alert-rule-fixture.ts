// Test helper: an alert rule shaped like the one the Grafana UI builds (rule-form.ts
// getDefaultQueries/getDefaultExpressions): query A, reduce B, threshold C "IS ABOVE 5".
export function errorRateRule(folderUID: string, overrides: Record<string, unknown> = {}) {
  return {
    folderUID,
    ruleGroup: 'golden-signals',
    title: 'High error rate',
    condition: 'C',
    noDataState: 'NoData',
    execErrState: 'Error',
    for: '2m',
    labels: { severity: 'page' },
    annotations: { summary: 'Error rate above 5%' },
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 600, to: 0 },
        datasourceUid: 'prometheus',
        model: { refId: 'A', expr: 'sum(rate(http_requests_total{code=~"5.."}[5m]))', instant: true },
      },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        model: { refId: 'B', type: 'reduce', reducer: 'last', expression: 'A' },
      },
      {
        refId: 'C',
        datasourceUid: '__expr__',
        model: {
          refId: 'C',
          type: 'threshold',
          expression: 'B',
          conditions: [{ type: 'query', evaluator: { type: 'gt', params: [5] } }],
        },
      },
    ],
    ...overrides,
  };
}
