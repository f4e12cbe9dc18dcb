/**
 * A synthetic corpus of N chunks made from SQuAD paragraphs, for the index benchmark
 * (evals/bench-index.ts): copy 0 of every paragraph is the paragraph itself, later copies have their
 * sentences rotated and about one content word in eight replaced by another word of the corpus, so
 * they look alike to BM25 and the vectors without being duplicates. Questions are SQuAD's, and
 * their gold chunk is copy 0 of their paragraph.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../core/paths.js';
import type { Chunk } from '../core/types.js';

export const SQUAD_FILES = [
  '../shared/benchmarks/squad-v2/dev-20-articles.json',
  '../shared/benchmarks/squad-v2/train-10-articles.json',
  '../shared/benchmarks/squad-v1.1/dev-13-articles.json',
];

interface SquadJson {
  data: { title: string; paragraphs: { context: string; qas: { question: string; is_impossible?: boolean }[] }[] }[];
}

export interface SyntheticCorpus {
  chunks: Chunk[];
  /** Answerable questions with the id of their paragraph's original chunk. */
  questions: { question: string; gold: number }[];
}

/** Seeded, so every run builds the same corpus. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function paragraphs(): Promise<{ text: string; questions: string[] }[]> {
  const out: { text: string; questions: string[] }[] = [];
  for (const file of SQUAD_FILES) {
    const json = JSON.parse(await readFile(path.resolve(ROOT, file), 'utf8')) as SquadJson;
    for (const article of json.data)
      for (const p of article.paragraphs)
        out.push({ text: p.context, questions: p.qas.filter((q) => !q.is_impossible).map((q) => q.question) });
  }
  return out;
}

function varied(text: string, copy: number, vocabulary: string[], next: () => number): string {
  if (copy === 0) return text;
  const sentences = text.split(/(?<=[.!?])\s+/);
  const shift = copy % sentences.length;
  const rotated = [...sentences.slice(shift), ...sentences.slice(0, shift)].join(' ');
  return rotated.replace(/\p{L}{4,}/gu, (word) =>
    next() < 0.125 ? vocabulary[Math.floor(next() * vocabulary.length)]! : word,
  );
}

/** `scale` chunks, ten to a file, with locations as ingest would give them (one chunk per file line range). */
export async function syntheticCorpus(scale: number): Promise<SyntheticCorpus> {
  const source = await paragraphs();
  const vocabulary = [...new Set(source.flatMap((p) => p.text.match(/\p{L}{4,}/gu) ?? []))];
  const next = seeded(23);
  const chunks: Chunk[] = [];
  const questions: SyntheticCorpus['questions'] = [];
  for (let id = 0; id < scale; id++) {
    const paragraph = source[id % source.length]!;
    const copy = Math.floor(id / source.length);
    const text = varied(paragraph.text, copy, vocabulary, next);
    const line = (id % 10) + 1;
    chunks.push({
      id,
      text,
      source: `synthetic/f${Math.floor(id / 10)}.txt`,
      startLine: line,
      endLine: line,
      startOffset: 0,
      endOffset: text.length,
    });
    if (copy === 0) for (const question of paragraph.questions) questions.push({ question, gold: id });
  }
  return { chunks, questions };
}
