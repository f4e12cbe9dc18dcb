/**
 * What the chat page shows before any question, drawn from the indexed documents themselves: each
 * document's title, and three questions to start from. Computed once per index (per chunks array).
 */
import type { Chunk } from '../location.js';
import { sentences } from '../text/sentences.js';
import { terms } from '../text/tokenize.js';
import { shorten } from './shorten.js';

const TITLE_CHARS = 200;
const SUGGESTION_CHARS = 90;

/** A line without its Markdown heading marks, emphasis and list bullets. */
function bare(line: string): string {
  return line
    .replace(/^\s*(#{1,6}\s+|[-*+•]\s+)/, '')
    .replace(/[*_`]+/g, '')
    .replace(/\s+#+\s*$/, '')
    .trim();
}

/** The first non-empty line of a text, bare; '' when there is none. */
function firstLine(text: string): string {
  for (const line of text.split('\n')) {
    const b = bare(line);
    if (/\p{L}/u.test(b)) return b;
  }
  return '';
}

/** Every place a chunk's text stands: its own and its duplicates'. */
function places(chunk: Chunk): { source: string; startOffset: number }[] {
  return [chunk, ...(chunk.alsoIn ?? [])];
}

/** The first chunk of each document (the one starting earliest). */
function openings(chunks: readonly Chunk[]): Map<string, Chunk> {
  const first = new Map<string, { chunk: Chunk; at: number }>();
  for (const chunk of chunks)
    for (const { source, startOffset } of places(chunk)) {
      const seen = first.get(source);
      if (!seen || startOffset < seen.at) first.set(source, { chunk, at: startOffset });
    }
  return new Map([...first].map(([source, { chunk }]) => [source, chunk]));
}

const titleCache = new WeakMap<readonly Chunk[], Record<string, string>>();

/** Each document's title: its first heading or first line, shortened; documents with no words in their first chunk have none. */
export function documentTitles(chunks: readonly Chunk[]): Record<string, string> {
  const cached = titleCache.get(chunks);
  if (cached) return cached;
  const titles: Record<string, string> = {};
  for (const [source, chunk] of openings(chunks)) {
    const line = firstLine(chunk.text);
    if (line) titles[source] = shorten(line, TITLE_CHARS);
  }
  titleCache.set(chunks, titles);
  return titles;
}

/**
 * How central each chunk is: the cosine of its set of terms with the corpus's average (each term
 * weighted by how many chunks hold it), so a passage on what the documents are mostly about scores high.
 */
function centrality(chunks: readonly Chunk[]): number[] {
  const sets = chunks.map((c) => new Set(terms(c.text)));
  const df = new Map<string, number>();
  for (const set of sets) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  return sets.map((set) => {
    if (set.size === 0) return 0;
    let sum = 0;
    for (const t of set) sum += df.get(t)!;
    return sum / Math.sqrt(set.size);
  });
}

/** A question starting from a chunk: its section's heading, its document's title line, or its first sentence. */
function questionFrom(chunk: Chunk, opening: boolean): string | undefined {
  const section = chunk.section?.split('>').at(-1)?.trim();
  if (section && /\p{L}/u.test(section))
    return `What do the documents say about “${shorten(section, SUGGESTION_CHARS)}”?`;
  const line = firstLine(chunk.text);
  if (opening && line && !/[.!?]$/.test(line) && line.split(/\s+/).length <= 16)
    return `What do the documents say about “${shorten(line, SUGGESTION_CHARS)}”?`;
  const sentence = sentences(chunk.text)
    .map((s) => bare(s.text))
    .find((s) => s.split(/\s+/).length >= 5 && !s.includes('|'));
  return sentence ? `Tell me more about this: “${shorten(sentence, SUGGESTION_CHARS)}”` : undefined;
}

const suggestionCache = new WeakMap<readonly Chunk[], string[]>();

/**
 * The chunks centrality is measured over: all of a small index, an even spread of a large one (reading
 * 8,000 chunks' terms took 2 s on a busy two-core machine, on the request that first asked; 600 take a tenth).
 */
const SAMPLE = 600;
function spread(chunks: readonly Chunk[]): readonly Chunk[] {
  if (chunks.length <= SAMPLE) return chunks;
  const step = chunks.length / SAMPLE;
  return Array.from({ length: SAMPLE }, (_, i) => chunks[Math.floor(i * step)]!);
}

/**
 * `count` questions from the most central passages, one document each while documents last, then
 * more passages of the same ones; never two alike. Fewer when the documents give fewer.
 */
export function suggestedQuestions(chunks: readonly Chunk[], count = 3): string[] {
  const cached = suggestionCache.get(chunks);
  if (cached) return cached.slice(0, count);
  const firsts = new Set(openings(chunks).values());
  const pool = spread(chunks);
  const scores = centrality(pool);
  const order = pool.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  const chosen: string[] = [];
  const sources = new Set<string>();
  for (const pass of ['one per document', 'any'] as const)
    for (const i of order) {
      if (chosen.length >= Math.max(count, 3)) break;
      const chunk = pool[i]!;
      if (pass === 'one per document' && sources.has(chunk.source)) continue;
      const question = questionFrom(chunk, firsts.has(chunk));
      if (!question || chosen.includes(question)) continue;
      chosen.push(question);
      sources.add(chunk.source);
    }
  suggestionCache.set(chunks, chosen);
  return chosen.slice(0, count);
}
