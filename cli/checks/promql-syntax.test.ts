import { describe, expect, it } from 'vitest';
import { selectorsOf, topComparison } from './promql-syntax.js';

describe('selectorsOf', () => {
  it('finds every selector with its matchers and range', () => {
    const q =
      '(sum(rate(flask_http_request_duration_seconds_count{status=~"4..|5.."}[5m])) / sum(rate(flask_http_request_duration_seconds_count[5m]))) * 100';
    expect(selectorsOf(q)).toEqual([
      {
        metric: 'flask_http_request_duration_seconds_count',
        matchers: [{ label: 'status', op: '=~', value: '4..|5..' }],
        rangeSeconds: 300,
        text: 'flask_http_request_duration_seconds_count{status=~"4..|5.."}',
      },
      {
        metric: 'flask_http_request_duration_seconds_count',
        matchers: [],
        rangeSeconds: 300,
        text: 'flask_http_request_duration_seconds_count',
      },
    ]);
  });

  it('reads instant selectors, name matchers and escaped strings', () => {
    expect(selectorsOf('{__name__="up", job=\'a"b\'}')).toEqual([
      {
        metric: 'up',
        matchers: [{ label: 'job', op: '=', value: 'a"b' }],
        rangeSeconds: undefined,
        text: '{__name__="up", job=\'a"b\'}',
      },
    ]);
    expect(selectorsOf('container_memory_usage_bytes{id=~"/docker/.*"} / 1024')[0]?.matchers).toEqual([
      { label: 'id', op: '=~', value: '/docker/.*' },
    ]);
  });
});

describe('topComparison', () => {
  it('finds the comparison an alert query ends in, outer parentheses dropped', () => {
    expect(topComparison('(\n  sum(rate(x{s=~"5.."}[5m]))\n  /\n  sum(rate(x[5m]))\n) > 0.05')).toEqual({
      left: '(\n  sum(rate(x{s=~"5.."}[5m]))\n  /\n  sum(rate(x[5m]))\n)',
      op: '>',
      right: '0.05',
      bool: false,
    });
  });
  it('turns a number on the left to the right, and tells the bool form', () => {
    expect(topComparison('1 > histogram_quantile(0.95, x)')).toMatchObject({
      left: 'histogram_quantile(0.95, x)',
      op: '<',
      right: '1',
    });
    expect(topComparison('up == bool 1')).toMatchObject({ op: '==', bool: true });
  });
  it('is undefined for anything else', () => {
    expect(topComparison('sum(rate(x[5m])) / sum(rate(y[5m]))')).toBeUndefined();
    expect(topComparison('rate(x[5m])')).toBeUndefined();
  });
});
