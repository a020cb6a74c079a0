import type { CheckState } from '../progress-exporter/view.js';
import { type ClassGrid, type LearnerRow, reportsFrom } from './grid.js';

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const marks: Record<CheckState | 'none', string> = {
  pass: '✓',
  fail: '✗',
  unchecked: '?',
  not_attempted: '·',
  error: '!',
  none: ' ',
};

const ago = (iso: string | undefined, nowMs: number) => {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  return s < 90 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
};

function statusOf(r: LearnerRow, nowMs: number): { text: string; bad: boolean } {
  if (r.reach === 'down') return { text: `unreachable: ${r.problem ?? ''}`, bad: true };
  if (r.reach === 'never seen') return { text: r.inRoster ? 'not seen yet' : 'never seen', bad: true };
  if (r.problem) return { text: r.problem, bad: true };
  if (r.reportsAs) return { text: reportsFrom(r), bad: true };
  const how = r.reach === 'pushing' ? 'pushing' : 'federated';
  return {
    text: `${how}, seen ${ago(r.lastSeen, nowMs)}${r.inRoster ? '' : ' (not in the roster)'}`,
    bad: !r.inRoster,
  };
}

/** The grid as an HTML table: what the page shows first and what it fetches again every second. */
export function boardTable(grid: ClassGrid, problem?: string): string {
  const nowMs = Date.parse(grid.at);
  // Two header rows: the exercise over its checks, then each check by part and step ("A3").
  const groups: { exercise: string; span: number }[] = [];
  for (const c of grid.checks) {
    const last = groups.at(-1);
    if (last?.exercise === c.exercise) last.span++;
    else groups.push({ exercise: c.exercise, span: 1 });
  }
  const exerciseHead = groups
    .map((g) => `<th colspan="${g.span}" class="ex">${esc(g.exercise)}</th>`)
    .join('');
  const head = grid.checks
    .map((c) => `<th title="${esc(`${c.id}: ${c.title}`)}">${esc(c.id.split('/').slice(1).join(''))}</th>`)
    .join('');
  const rows = grid.learners
    .map((r) => {
      const status = statusOf(r, nowMs);
      const cells = grid.checks
        .map((c) => {
          const s = r.states[c.id];
          const stuck = r.stuck?.check === c.id ? ' stuck' : '';
          return `<td class="s-${s ?? 'none'}${stuck}" data-check="${esc(c.id)}" data-state="${s ?? 'none'}">${marks[s ?? 'none']}</td>`;
        })
        .join('');
      const stuck = r.stuck
        ? `${esc(r.stuck.check)} for ${Math.round((nowMs - Date.parse(r.stuck.since)) / 60_000)} min (${r.stuck.tries} tries)`
        : '';
      return `<tr data-learner="${esc(r.name)}"><th scope="row">${esc(r.name)}</th><td class="score">${r.score}/${r.maxScore}</td>${cells}<td class="stuck-col">${stuck}</td><td class="${status.bad ? 'bad' : 'ok'}">${esc(status.text)}</td></tr>`;
    })
    .join('\n');
  const banner = problem ? `<p class="banner" role="alert">${esc(problem)}</p>` : '';
  return `${banner}<table><thead><tr><th rowspan="2">learner</th><th rowspan="2">score</th>${exerciseHead}<th rowspan="2">stuck</th><th rowspan="2">status</th></tr><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table><p class="at">as of ${esc(grid.at)}</p>`;
}

// Fits a 1,400 px projector: narrow check cells, and the long texts (names, why a learner is
// unreachable) wrap in columns of bounded width instead of widening the page.
const style = `body{font:18px/1.3 system-ui,sans-serif;background:#111;color:#eee;margin:1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}table{border-collapse:collapse;max-width:100%}th,td{padding:.2rem .25rem;border:1px solid #333;text-align:center}
th[scope=row]{text-align:left;max-width:12rem;overflow-wrap:anywhere}thead th{font-size:.75rem;color:#aaa;padding:.1rem}
td[data-check]{min-width:1.3rem}.ex{text-align:left}
.stuck-col{max-width:10rem}.bad,.ok{max-width:18rem;overflow-wrap:anywhere}
.s-pass{background:#1b5e20;color:#fff}.s-fail{background:#b71c1c;color:#fff}.s-error{background:#e65100}
.s-unchecked{background:#37474f}.s-not_attempted,.s-none{color:#666}.stuck{outline:3px solid #ffd600;outline-offset:-3px}
.score{font-weight:bold}.stuck-col{color:#ffd600;text-align:left}.bad{color:#ff8a80;text-align:left}.ok{color:#9e9e9e;text-align:left}
.banner{background:#b71c1c;padding:.5rem}.at{color:#777;font-size:.8rem}
.legend span{margin-right:1rem}`;

/** Refreshes the table in place every second; without JavaScript the page reloads itself instead. */
const script = `const el=document.getElementById('grid');
async function tick(){try{const r=await fetch('table',{cache:'no-store'});if(r.ok)el.innerHTML=await r.text();}catch(e){}setTimeout(tick,1000);}
setTimeout(tick,1000);`;

export function boardPage(grid: ClassGrid, title: string, problem?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><noscript><meta http-equiv="refresh" content="3"></noscript>
<style>${style}</style></head><body><h1>${esc(title)}</h1>
<p class="legend"><span>✓ pass</span><span>✗ fail</span><span>· not attempted</span><span>? unchecked</span><span>! error</span><span class="stuck-col">▢ stuck &gt; 10 min</span></p>
<div id="grid">${boardTable(grid, problem)}</div><script>${script}</script></body></html>\n`;
}
