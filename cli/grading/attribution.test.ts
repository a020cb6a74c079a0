import { describe, expect, it } from 'vitest';
import { exerciseById } from '../../exercises/registry.js';
import { aimedAt } from './attribution.js';

const entry = exerciseById('exercise-1');
if (entry?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
const checks = entry.definition.checks;
const c = 'flask_http_request_duration_seconds_count';
const b = 'flask_http_request_duration_seconds_bucket';
const cpu = 'container_cpu_usage_seconds_total';

describe('aimedAt: the step an attempt was a try at', () => {
  it.each([
    [`histogram_quantile(0.95, rate(${b}[5m])) < 1.0`, 'exercise-1/E/2', "the original text's E/2"],
    [`rate(${cpu}{id=~".*prometheus-webapp.*"}[5m]) * 100`, 'exercise-1/D/3', "the original text's D/3"],
    [`rate(${cpu}{id=~"/docker/.*"}[5m]) * 100`, 'exercise-1/D/1', "the original text's D/1"],
    [`sum(${c})`, 'exercise-1/A/5', 'a counter summed without rate()'],
    [`irate(${c}[5m])`, 'exercise-1/A/4', 'irate'],
    [
      `(sum(rate(${c}{status=~"5.."}[5m])) / sum(rate(${c}[5m]))) > 0.01`,
      'exercise-1/E/1',
      'another threshold',
    ],
    [
      `histogram_quantile(0.99, sum by (le, path) (rate(${b}[5m])))`,
      'exercise-1/B/4',
      'B/4 with another quantile',
    ],
    [
      'rate(process_cpu_seconds_total{job="webapp-prometheus"}[5m]) * 100',
      'exercise-1/D/1',
      'the native form of D/1',
    ],
  ])('%s → %s (%s)', (query, id) => {
    expect(aimedAt(checks, query)?.id).toBe(id);
  });

  it('reads none of the exercise metrics: aimed at nothing', () => {
    expect(aimedAt(checks, 'up')).toBeUndefined();
  });

  it('a tie goes to the step not passed yet', () => {
    // Equally like D/1 and D/3: the learner who passed D/1 is trying D/3.
    const q = `rate(${cpu}[5m]) * 100`;
    const first = aimedAt(checks, q)?.id;
    const other = first === 'exercise-1/D/1' ? 'exercise-1/D/3' : 'exercise-1/D/1';
    expect(aimedAt(checks, q, new Set([first ?? '']))?.id).toBe(other);
  });
});
