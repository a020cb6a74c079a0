import { type RunSummary, score } from '../checks/results.js';

const esc = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );

/** JUnit XML: one testsuite per exercise, failure/error/skipped per check. Times come from the summary. */
export function renderJunit(summary: RunSummary): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="workshop" time="${sec(summary.durationMs)}">`,
  ];
  for (const ex of summary.exercises) {
    const n = (s: string) => ex.checks.filter((c) => c.status === s).length;
    const { score: got, maxScore } = score(ex);
    lines.push(
      `  <testsuite name="${esc(ex.id)}" tests="${ex.checks.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('skip')}" timestamp="${new Date(summary.startedAt).toISOString()}">`,
      `    <properties><property name="score" value="${got}/${maxScore}"/></properties>`,
    );
    for (const c of ex.checks) {
      const open = `    <testcase classname="${esc(ex.id)}" name="${esc(`${c.id} ${c.title}`)}" time="${sec(c.durationMs)}"`;
      const detail = [
        c.message,
        c.expected !== undefined ? `expected: ${JSON.stringify(c.expected)}` : '',
        c.actual !== undefined ? `actual: ${JSON.stringify(c.actual)}` : '',
        c.hint ? `hint: ${c.hint}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      if (c.status === 'pass') lines.push(`${open}/>`);
      else if (c.status === 'skip')
        lines.push(`${open}>`, `      <skipped message="${esc(c.message)}"/>`, '    </testcase>');
      else {
        const tag = c.status === 'fail' ? 'failure' : 'error';
        lines.push(
          `${open}>`,
          `      <${tag} message="${esc(c.message)}">${esc(detail)}</${tag}>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function sec(ms: number): string {
  return (ms / 1000).toFixed(3);
}
