import { describe, expect, it } from 'vitest';
import type { Manifest } from '../core/index/manifest.js';
import { random } from '../evals/synthetic.js';
import { dedupe, placesPerFile, type Placed } from './dedupe.js';
import { keptPlaces } from './previous-index.js';
import type { ReadFile } from './read-files.js';
import { splice } from './splice.js';

/** A file's chunks, one per text, at consecutive offsets. */
const placed = (source: string, texts: string[]): Placed[] => {
  let offset = 0;
  return texts.map((text, i) => {
    const chunk = {
      source,
      text,
      startOffset: offset,
      endOffset: offset + text.length,
      startLine: i + 1,
      endLine: i + 1,
    };
    offset += text.length + 1;
    return { chunk };
  });
};

type Corpus = Map<string, string[]>;

/** A generation as ingest makes it from scratch: files in order, deduplicated, and its manifest's file entries. */
function generation(corpus: Corpus) {
  const chunks = dedupe([...corpus].map(([source, texts]) => placed(source, texts)));
  const places = placesPerFile(chunks);
  const files: Manifest['files'] = Object.fromEntries(
    [...corpus].map(([source, texts]) => [source, { hash: texts.join('|'), chunks: places.get(source) ?? 0 }]),
  );
  return { chunks, files };
}

/** This run's files against `before`: unchanged ones reuse their chunks (or a moved file's), the others are fresh. */
function readOf(corpus: Corpus, before: Manifest['files']) {
  const byHash = new Map(Object.entries(before).map(([source, f]) => [f.hash, source]));
  const files: ReadFile[] = [];
  const fresh = new Map<string, Placed[]>();
  for (const [source, texts] of corpus) {
    const hash = texts.join('|');
    const reuses = before[source]?.hash === hash ? source : byHash.get(hash);
    if (reuses) files.push({ source, hash, reuses });
    else {
      files.push({ source, hash, text: texts.join('\n') });
      fresh.set(source, placed(source, texts));
    }
  }
  return { files, fresh };
}

/** What the general path gives: every kept chunk placed again and all deduplicated. */
function general(previous: ReturnType<typeof generation>, files: ReadFile[], fresh: Map<string, Placed[]>) {
  const kept = keptPlaces(previous, files);
  const chunks = dedupe(files.map((f) => fresh.get(f.source) ?? kept.get(f.source) ?? []));
  return { chunks, places: placesPerFile(chunks), keptCount: [...kept.values()].reduce((n, l) => n + l.length, 0) };
}

function check(before: Corpus, after: Corpus) {
  const previous = generation(before);
  const { files, fresh } = readOf(after, previous.files);
  const got = splice(previous.chunks, previous.files, files, fresh);
  if (!got) return undefined;
  const want = general(previous, files, fresh);
  expect(got.chunks).toEqual(want.chunks);
  expect(got.places).toEqual(want.places);
  expect(got.keptCount).toBe(want.keptCount);
  // `from` names the previous chunk with the same text, -1 for a text the previous generation lacked.
  const oldId = new Map(previous.chunks.map((c) => [c.text, c.id]));
  expect([...got.from!]).toEqual(got.chunks.map((c) => oldId.get(c.text) ?? -1));
  return got;
}

const texts = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name} passage ${i}.`);
const base = (): Corpus =>
  new Map([
    ['a.txt', texts('a', 3)],
    ['b.txt', texts('b', 4)],
    ['c.txt', texts('c', 2)],
    ['d.txt', texts('d', 3)],
  ]);

describe('splice', () => {
  it('takes a one-file edit as a splice: the same chunks as placing them all again, kept texts traced back', () => {
    const after = base();
    after.set('b.txt', [...texts('b', 4), 'b passage appended.']);
    const got = check(base(), after);
    expect(got).toBeDefined();
    expect([...got!.from!]).toEqual([0, 1, 2, 3, 4, 5, 6, -1, 7, 8, 9, 10, 11]);
  });

  it('splices added and removed files, and texts that come back in a changed file', () => {
    const after = base();
    after.delete('c.txt');
    after.set('bb.txt', ['new one.', 'new two.']);
    after.set('d.txt', ['d passage 0.', 'edited.', 'd passage 2.']);
    const sorted = new Map([...after].sort(([x], [y]) => (x < y ? -1 : 1)));
    expect(check(base(), sorted)).toBeDefined();
  });

  it('leaves moves, shared texts and reordered texts to the general path', () => {
    const moved = new Map([...base()].map(([s, t]) => [s === 'd.txt' ? 'e.txt' : s, t]));
    expect(check(base(), moved)).toBeUndefined();
    const copied = base();
    copied.set('c.txt', ['a passage 1.', 'c passage 1.']);
    expect(check(base(), copied)).toBeUndefined();
    const swapped = base();
    swapped.set('b.txt', ['b passage 1.', 'b passage 0.', 'b passage 2.', 'b passage 3.']);
    expect(check(base(), swapped)).toBeUndefined();
  });

  it("knows a spliced generation's texts: a text one splice added is a kept text to the next", () => {
    const after = base();
    after.set('b.txt', [...texts('b', 4), 'added once.']);
    const previous = generation(base());
    const first = readOf(after, previous.files);
    const once = splice(previous.chunks, previous.files, first.files, first.fresh)!;
    const files = generation(after).files;
    const again = new Map(after);
    again.set('d.txt', [...texts('d', 3), 'added once.']);
    const second = readOf(again, files);
    // The same text in another file now: deduplication's business, not a splice.
    expect(splice(once.chunks, files, second.files, second.fresh)).toBeUndefined();
    again.set('d.txt', [...texts('d', 3), 'added twice.']);
    const third = readOf(again, files);
    expect(splice(once.chunks, files, third.files, third.fresh)).toBeDefined();
  });

  it('agrees with the general path whenever it splices, over random edits (shared texts included)', () => {
    const rand = random(23);
    const pick = (n: number) => Math.floor(rand() * n);
    let spliced = 0;
    for (let round = 0; round < 300; round++) {
      const pool = Array.from({ length: 30 }, (_, i) => `text ${i}.`);
      const before: Corpus = new Map();
      for (let f = 0; f < 6; f++)
        before.set(
          `f${f}.txt`,
          Array.from(
            { length: 1 + pick(4) },
            () => pool[pick(pool.length)]! + (rand() < 0.8 ? ` ${f}-${pick(1e6)}` : ''),
          ),
        );
      const after: Corpus = new Map();
      for (const [source, t] of before) {
        const r = rand();
        if (r < 0.1) continue;
        if (r < 0.3) after.set(source, [...t.slice(0, pick(t.length + 1)), `new ${pick(1e6)}.`, ...t.slice(1)]);
        else after.set(source, t);
      }
      if (rand() < 0.3) after.set(`f${6 + pick(3)}.txt`, [`added ${pick(1e6)}.`, pool[pick(pool.length)]!]);
      const sorted = new Map([...after].sort(([x], [y]) => (x < y ? -1 : 1)));
      if (check(before, sorted)) spliced++;
    }
    // Most rounds are splices; the rest fell back, as they must, and were checked against nothing.
    expect(spliced).toBeGreaterThan(100);
  });
});
