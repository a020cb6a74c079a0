import { create } from 'xmlbuilder2';
import { type RunSummary, score } from '../checks/results.js';

/**
 * JUnit XML: one testsuite per exercise; failure, error or skipped (unchecked, with the reason)
 * per check. Built with xmlbuilder2, which escapes the text and replaces characters XML 1.0
 * forbids (a learner's query may hold anything), so every CI parser reads it.
 */
export function renderJunit(summary: RunSummary): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: () => '\uFFFD' });
  const root = doc.ele('testsuites', { name: 'workshop', time: sec(summary.durationMs) });
  for (const ex of summary.exercises) {
    const n = (s: string) => String(ex.checks.filter((c) => c.status === s).length);
    const { score: got, maxScore } = score(ex);
    const suite = root.ele('testsuite', {
      name: ex.section ? `${ex.id} (your ${ex.section})` : ex.id,
      tests: String(ex.checks.length),
      failures: n('fail'),
      errors: n('error'),
      skipped: n('unchecked'),
      timestamp: new Date(summary.startedAt).toISOString(),
    });
    suite.ele('properties').ele('property', { name: 'score', value: `${got}/${maxScore}` });
    for (const c of ex.checks) {
      const testcase = suite.ele('testcase', {
        classname: ex.id,
        name: `${c.id} ${c.title}`,
        time: sec(c.durationMs),
      });
      const detail = [
        c.work ? `your query (${c.work.ranAt ?? 'answers file'}): ${c.work.query}` : '',
        c.message,
        c.expected !== undefined ? `expected: ${JSON.stringify(c.expected)}` : '',
        c.actual !== undefined ? `actual: ${JSON.stringify(c.actual)}` : '',
        c.hint && c.status === 'fail' ? `hint: ${c.hint}` : '',
        c.todo ? `to do: ${c.todo}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      if (c.status === 'pass' && c.work) testcase.ele('system-out').txt(detail);
      else if (c.status === 'unchecked')
        testcase.ele('skipped', { message: `unchecked: ${c.message}` }).txt(detail);
      else if (c.status === 'fail') testcase.ele('failure', { message: c.message }).txt(detail);
      else if (c.status === 'error') testcase.ele('error', { message: c.message }).txt(detail);
    }
  }
  return `${doc.end({ prettyPrint: true })}\n`;
}

function sec(ms: number): string {
  return (ms / 1000).toFixed(3);
}
