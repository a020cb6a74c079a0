import { describe, expect, it } from 'vitest';
import { durationSeconds, hasSyntaxError, selectorsOf } from './promql-selectors.js';

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

describe('hasSyntaxError / durationSeconds', () => {
  it('tells broken PromQL from good', () => {
    expect(hasSyntaxError('sum(rate(x[5m])')).toBe(true);
    expect(hasSyntaxError('sum(rate(x[5m]))')).toBe(false);
  });
  it('parses Prometheus durations', () => {
    expect(durationSeconds('5m')).toBe(300);
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('500ms')).toBe(0.5);
    expect(durationSeconds('5 minutes')).toBeUndefined();
  });
});
