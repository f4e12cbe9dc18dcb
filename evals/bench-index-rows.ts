/** The index engineer's figures (evals/bench-index.ts, benchIndex) as bench rows beside their LangChain baselines. */
import type { BenchRow } from './bench-table.js';

export function indexRows(r: Record<string, number>, runs: number): BenchRow[] {
  const rows: BenchRow[] = [];
  const add = (name: string, key: string, unit: string, base?: [string, string], target?: string) => {
    const value = r[key];
    if (value === undefined) return;
    const baseline = base && r[base[1]] !== undefined ? { name: base[0], value: r[base[1]]! } : undefined;
    rows.push({ name, value, unit, ...(baseline ? { baseline } : {}), ...(target ? { target } : {}), runs });
  };
  const of = `${r.chunks ?? '?'} chunks`;
  add(
    `cold start to first answer (${of})`,
    'project_firstAnswerMs',
    'ms',
    ['LangChain HNSWLib.load + BM25Retriever', 'langchain_firstAnswerMs'],
    '≤ 2 s',
  );
  add('retrieval p50, hybrid', 'project_hybrid_p50', 'ms', ['LangChain BM25Retriever', 'langchain_bm25_p50']);
  add('retrieval p95, hybrid', 'project_hybrid_p95', 'ms', ['LangChain BM25Retriever', 'langchain_bm25_p95']);
  add('retrieval p50, BM25', 'project_bm25_p50', 'ms', ['LangChain BM25Retriever', 'langchain_bm25_p50']);
  add('retrieval p50, vectors', 'project_vector_p50', 'ms', ['LangChain HNSWLib', 'langchain_vector_p50']);
  add('steady RSS of a loaded index', 'project_steady', 'MiB', ['LangChain', 'langchain_steady']);
  add(
    'steady RSS per chunk',
    'project_steady_kb_per_chunk',
    'KB',
    ['LangChain', 'langchain_steady_kb_per_chunk'],
    '≤ 6 KB',
  );
  add('peak RSS while loading / steady', 'project_peak_over_steady', '×', undefined, '≤ 1.3×');
  return rows;
}
