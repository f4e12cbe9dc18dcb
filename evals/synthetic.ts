/**
 * A synthetic corpus of a given size for `npm run bench -- --scale N`: SQuAD paragraphs (from
 * ../shared/benchmarks), each copy varied (sentences reordered, about one word in eight replaced by
 * another word of the collection), so no two chunks are the same text. Half the files are plain text,
 * half Markdown with a title and section headings. Seeded: the same N writes the same corpus.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../core/paths.js';

export const SQUAD_SOURCES = [
  'squad-v2/dev-20-articles.json',
  'squad-v2/train-10-articles.json',
  'squad-v1.1/dev-13-articles.json',
];

/** Paragraphs per file: about 8 KB, like an ordinary note or page. */
const PARAGRAPHS_PER_FILE = 10;
/** Measured with the default chunking (700 / 120): chunks per SQuAD paragraph. */
const CHUNKS_PER_PARAGRAPH = 1.45;

/** Seeded, so every run writes the same corpus. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

export async function squadParagraphs(dir = path.resolve(ROOT, '../shared/benchmarks')): Promise<string[]> {
  const out: string[] = [];
  for (const file of SQUAD_SOURCES) {
    const json = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as {
      data: { paragraphs: { context: string }[] }[];
    };
    for (const article of json.data) for (const p of article.paragraphs) out.push(p.context);
  }
  return out;
}

/** One varied copy of a paragraph: its sentences in another order, one word in eight swapped for another. */
function vary(paragraph: string, vocabulary: string[], next: () => number): string {
  const sentences = paragraph.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [paragraph];
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [sentences[i], sentences[j]] = [sentences[j]!, sentences[i]!];
  }
  return sentences
    .map((s) => s.trim())
    .join(' ')
    .replace(/\p{L}{4,}/gu, (word) => (next() < 0.125 ? vocabulary[Math.floor(next() * vocabulary.length)]! : word));
}

export interface SyntheticCorpus {
  files: number;
  bytes: number;
  paragraphs: number;
}

/** Write a corpus of about `chunks` chunks (default chunking) into `dir`. */
export async function writeSyntheticCorpus(
  dir: string,
  chunks: number,
  paragraphs?: string[],
): Promise<SyntheticCorpus> {
  const source = paragraphs ?? (await squadParagraphs());
  const vocabulary = [...new Set(source.join(' ').match(/\p{L}{4,}/gu) ?? [])];
  const wanted = Math.max(1, Math.round(chunks / CHUNKS_PER_PARAGRAPH));
  const next = random(23);
  let bytes = 0;
  let files = 0;
  for (let start = 0; start < wanted; start += PARAGRAPHS_PER_FILE) {
    const count = Math.min(PARAGRAPHS_PER_FILE, wanted - start);
    const body = Array.from({ length: count }, (_, i) => vary(source[(start + i) % source.length]!, vocabulary, next));
    const folder = path.join(dir, `part-${Math.floor(files / 500)}`);
    if (files % 500 === 0) await mkdir(folder, { recursive: true });
    const markdown = files % 2 === 1;
    const text = markdown
      ? `# Document ${files}\n\n${body.map((p, i) => (i % 3 === 0 ? `## Section ${i / 3 + 1}\n\n${p}` : p)).join('\n\n')}\n`
      : `${body.join('\n\n')}\n`;
    await writeFile(path.join(folder, `doc-${files}.${markdown ? 'md' : 'txt'}`), text);
    bytes += Buffer.byteLength(text);
    files += 1;
  }
  return { files, bytes, paragraphs: wanted };
}
