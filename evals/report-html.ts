import type { Metrics } from './aggregate.js';
import type { ItemResult } from './metrics.js';
import { HEADLINE, type Report } from './report.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (x: number | undefined) => (x === undefined ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(3));

/** A line chart of recall@k for the project and both baselines, as inline SVG. */
function recallChart(m: Metrics): string {
  const ks = [1, 5, 10] as const;
  // A baseline that was not run (an eval over --url) has no line.
  const series = [
    { label: 'this project', color: '#2563eb', values: ks.map((k) => m[`recall@${k}`]) },
    { label: 'BM25 alone', color: '#f59e0b', values: ks.map((k) => m[`bm25.recall@${k}`]) },
    { label: 'LangChain BM25Retriever', color: '#9ca3af', values: ks.map((k) => m[`baseline.recall@${k}`]) },
  ].filter((s): s is { label: string; color: string; values: number[] } => s.values.every((v) => v !== undefined));
  const w = 480,
    h = 220,
    pad = 40;
  const x = (i: number) => pad + (i * (w - 2 * pad)) / (ks.length - 1);
  const y = (v: number) => h - pad - v * (h - 2 * pad);
  const lines = series.map((s) => {
    const points = s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ');
    const dots = s.values
      .map(
        (v, i) =>
          `<circle cx="${x(i)}" cy="${y(v)}" r="4" fill="${s.color}"><title>${escape(s.label)} recall@${ks[i]}: ${num(v)}</title></circle>`,
      )
      .join('');
    return `<polyline fill="none" stroke="${s.color}" stroke-width="2.5" points="${points}"/>${dots}`;
  });
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${pad}" x2="${w - pad}" y1="${y(v)}" y2="${y(v)}" stroke="#e5e7eb"/><text x="${pad - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`,
    )
    .join('');
  const labels = ks.map((k, i) => `<text x="${x(i)}" y="${h - pad + 18}" text-anchor="middle">@${k}</text>`).join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${pad + i * 120}" y="8" width="12" height="12" fill="${s.color}"/><text x="${pad + 18 + i * 120}" y="18">${escape(s.label)}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="recall at k" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-size="12">${grid}${labels}${lines.join('')}${legend}</svg>`;
}

function headline(m: Metrics): string {
  const cards = HEADLINE.map(({ name, label, baseline }) => {
    const base = baseline && m[baseline] !== undefined ? `<small>LangChain: ${num(m[baseline])}</small>` : '';
    return `<div class="card"><b>${num(m[name])}</b><span>${escape(label)}</span>${base}</div>`;
  });
  return `<div class="cards">${cards.join('')}</div>`;
}

function tagTable(byTag: Record<string, Metrics>): string {
  const cols: (keyof Metrics)[] = [
    'items',
    'recall@5',
    'f1',
    'answerContainsGold',
    'firstCitationInGold',
    'abstentionRecall',
    'wrongfulAbstention',
  ];
  const head = `<tr><th>tag</th>${cols.map((c) => `<th>${escape(String(c))}</th>`).join('')}</tr>`;
  const rows = Object.entries(byTag).map(
    ([tag, m]) => `<tr><td>${escape(tag)}</td>${cols.map((c) => `<td>${num(m[c])}</td>`).join('')}</tr>`,
  );
  return `<table>${head}${rows.join('')}</table>`;
}

const BLIND_NOTE = '<p>A blind set: its items and per-tag results are not shown, so that nobody tunes on them.</p>';

function failed(items: ItemResult[]): string {
  const misses = items.filter((r) => (r.answerable ? !r.answerContainsGold : !r.abstained)).slice(0, 300);
  return misses
    .map((r) => {
      const passages = r.passages
        .map(
          (p, i) =>
            `<li><code>${escape(p.source)}:${p.startLine}-${p.endLine}</code> ${i + 1 === r.goldRank ? '<em>(gold)</em>' : ''}<p>${escape(p.text)}</p></li>`,
        )
        .join('');
      return `<details><summary>${escape(r.question)}</summary>
<p><b>gold:</b> ${r.answers.length ? r.answers.map(escape).join(' | ') : '<i>unanswerable</i>'}</p>
<p><b>answer:</b> ${r.abstained ? '<i>abstained</i>' : escape(r.answer)}</p>
<p><b>first citation:</b> ${r.citations[0] ? escape(r.citations[0].quote) : '—'}</p>
<ol>${passages}</ol></details>`;
    })
    .join('\n');
}

export function reportHtml(report: Report): string {
  const m = report.overall;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation: ${escape(report.set)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#111}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem}
.card{border:1px solid #e5e7eb;border-radius:.5rem;padding:.5rem .75rem;display:flex;flex-direction:column}
.card b{font-size:1.4rem}.card small{color:#6b7280}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #e5e7eb;padding:.25rem .5rem;text-align:right}td:first-child,th:first-child{text-align:left}
details{border-bottom:1px solid #e5e7eb;padding:.4rem 0}summary{cursor:pointer}li p{margin:.2rem 0 .6rem;color:#374151;font-size:.9rem}
</style></head><body>
<h1>Evaluation report</h1>
<p>${escape(report.set)} · ${m.items} items (${m.answerable} answerable, ${m.unanswerable} unanswerable) · target ${escape(report.target)} · k=${report.k} · ${escape(report.createdAt)}</p>
<h2>Headline</h2>${headline(m)}
<h2>Retrieval recall@k</h2>${recallChart(m)}
${report.blind ? BLIND_NOTE : `<h2>By tag</h2>${tagTable(report.byTag)}\n<h2>Failed items</h2>${failed(report.items)}`}
</body></html>`;
}
