import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verdict } from '../cli/checks/verdict.js';
import { referencesOf } from '../cli/grading/attribution.js';
import { datasetEvaluator, type Evaluation } from '../cli/grading/equivalence.js';
import { judgeQuery } from '../cli/grading/judge-query.js';
import type { Variant } from '../cli/grading/variants/exercise-1.variants.js';
import { exercise1Variants } from '../cli/grading/variants/exercise-1.variants.js';
import { exercise2Variants } from '../cli/grading/variants/exercise-2.variants.js';
import { PrometheusClient } from '../cli/prometheus/client.js';
import { exerciseById, grafanaExercise } from '../exercises/registry.js';
import { type GradingPrometheus, startGradingPrometheus } from './helpers/grading-prometheus.js';

// Both exercises' variant tables graded on real learner data: windows recorded from the real
// webapp and a real Prometheus (test/fixtures/windows/README.md), each served by a real
// Prometheus. A window that cannot tell a right query from the known mistakes leaves it
// unchecked ("can't tell yet"), never passed; no wrong variant passes on any window.
interface Window {
  name: string;
  start: number;
  end: number;
}
const fixtures = new URL('./fixtures/windows/', import.meta.url);
const recorded = JSON.parse(readFileSync(new URL('windows.json', fixtures), 'utf8')) as { windows: Window[] };
const ex1 = exerciseById('exercise-1');
if (ex1?.runner !== 'promql') throw new Error('exercise-1 is a PromQL exercise');
const ex2 = grafanaExercise();

/** Every table: its references, and its variants. */
const tables: { key: string; refs: string[]; variants: Variant[] }[] = [
  ...Object.entries(exercise1Variants).map(([key, variants]) => {
    const check = ex1.definition.checks.find((c) => c.id === key);
    if (!check) throw new Error(`no check ${key}`);
    return { key, refs: referencesOf(check), variants };
  }),
  ...Object.entries(exercise2Variants).map(([key, variants]) => {
    const [check, ...name] = key.split(' ');
    const target = ex2.panels.find((p) => p.check === check)?.targets.find((t) => t.name === name.join(' '));
    // The alert's condition (threshold) variants are Grafana's model, not PromQL: exercise-2-variants.test.ts.
    const queries = variants.filter((v) => !('threshold' in v));
    return { key, refs: target ? [...target.queries] : [ex2.alert.query], variants: queries };
  }),
];

const canTellYet = (v: Verdict) => v.outcome === 'unchecked' && v.message.startsWith("can't tell yet");

describe.each(recorded.windows.map((w) => [w.name, w] as const))('the %s window', (name, w) => {
  let prometheus: GradingPrometheus;
  const verdicts = new Map<string, Verdict>();
  let answers: Map<string, Evaluation>;
  beforeAll(async () => {
    prometheus = await startGradingPrometheus(
      gunzipSync(readFileSync(new URL(`${name}.om.gz`, fixtures))).toString('utf8'),
    );
    // The learner's own data as the core reads it: the 10 minutes up to the window's end, every 15 s.
    const evaluate = datasetEvaluator(new PrometheusClient(prometheus.url, { timeoutMs: 10_000 }), {
      start: Math.max(w.start, w.end - 600),
      end: w.end,
      step: 15,
    });
    answers = new Map();
    for (const t of tables)
      for (const q of [...t.refs, ...t.variants.map((v) => v.query)]) answers.set(q, await evaluate(q));
    const data = {
      answers,
      moment: (s: number) => `${new Date(s * 1000).toISOString().slice(11, 19)} of the ${name} window`,
    };
    for (const t of tables) {
      const probes = t.variants.filter((v) => !v.right && !v.factsOnly).map((v) => v.query);
      for (const v of t.variants)
        verdicts.set(`${t.key}\n${v.query}`, judgeQuery(t.refs, v.query, data, probes));
    }
  }, 120_000);
  afterAll(() => prometheus?.stop());

  it('no wrong variant passes, and a right one passes only where the window tells every known mistake apart', () => {
    for (const t of tables)
      for (const v of t.variants) {
        const verdict = verdicts.get(`${t.key}\n${v.query}`) as Verdict;
        const what = `${t.key}: ${v.why}\n${v.query}\n${JSON.stringify(verdict)}`;
        if (!v.right) expect(verdict.outcome, what).not.toBe('pass');
        else expect(verdict.outcome === 'pass' || canTellYet(verdict), what).toBe(true);
      }
  });

  if (name === 'no-data' || name === 'idle')
    it('tells no rate apart: every right variant reading a rate is "can\'t tell yet" but the exercise\'s own syntax tree', () => {
      for (const t of tables.filter((x) => x.refs.every((r) => r.includes('rate('))))
        for (const v of t.variants.filter((x) => x.right)) {
          const verdict = verdicts.get(`${t.key}\n${v.query}`) as Verdict;
          const sameTree = verdict.outcome === 'pass' && verdict.note === "the exercise's query";
          expect(sameTree || canTellYet(verdict), `${t.key}: ${v.why} ${JSON.stringify(verdict)}`).toBe(true);
        }
    });

  if (name === 'firing')
    it('is firing (the error rate is above 5 %, the 5xx share above 0.05), and its data fails wrong variants the trees cannot', () => {
      const last = (q: string) => {
        const e = answers.get(q);
        if (!e || 'error' in e) throw new Error(`no answer for ${q}`);
        const at = Math.max(...e.points.keys());
        return [...(e.points.get(at)?.values() ?? [])];
      };
      expect(last(ex2.alert.query)[0]).toBeGreaterThan(5);
      const e1 = ex1.definition.checks.find((c) => c.id === 'exercise-1/E/1');
      expect(last(e1?.query ?? '')).toHaveLength(1);
      for (const key of ['exercise-2/D/4 error rate', 'exercise-2/H/10 alert', 'exercise-1/E/1']) {
        const t = tables.find((x) => x.key === key);
        const failed = t?.variants.filter((v) => {
          const verdict = verdicts.get(`${key}\n${v.query}`);
          return verdict?.outcome === 'fail' && verdict.message.includes('of the firing window');
        });
        expect(failed?.length, key).toBeGreaterThan(0);
        // …and it tells every known mistake apart: right forms pass on it, decided by the data.
        const passed = t?.variants.filter((v) => {
          const verdict = verdicts.get(`${key}\n${v.query}`);
          return verdict?.outcome === 'pass' && verdict.note !== "the exercise's query";
        });
        expect(passed?.length, key).toBeGreaterThan(0);
      }
    });

  it('has no cAdvisor (the native backend): no right container query passes on its data', () => {
    for (const t of tables.filter((x) => x.key.startsWith('exercise-2/F/6')))
      for (const v of t.variants.filter((x) => x.right)) {
        const verdict = verdicts.get(`${t.key}\n${v.query}`) as Verdict;
        const sameTree = verdict.outcome === 'pass' && verdict.note === "the exercise's query";
        expect(sameTree || canTellYet(verdict), `${t.key}: ${v.why} ${JSON.stringify(verdict)}`).toBe(true);
      }
  });
});
