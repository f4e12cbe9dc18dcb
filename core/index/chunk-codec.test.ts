import { describe, expect, it } from 'vitest';
import { ChunkSchema } from '../location.js';
import type { Chunk } from '../types.js';
import { decodeChunks, decodeHead, decodeHeadInSteps, encodeChunks } from './chunk-codec.js';

const chunks: Chunk[] = [
  {
    source: 'a.md',
    startLine: 1,
    endLine: 3,
    section: 'Install > Linux',
    startOffset: 0,
    endOffset: 11,
    id: 0,
    text: 'Hello wörld',
  },
  { source: 'b.pdf', startLine: 2, endLine: 2, page: 4, startOffset: 5, endOffset: 9, id: 1, text: 'δεκα 🙂' },
  {
    source: 'a.md',
    startLine: 5,
    endLine: 6,
    startOffset: 20,
    endOffset: 30,
    id: 2,
    text: '| 1 | 2 |',
    alsoIn: [{ source: 'c.md', startLine: 1, endLine: 1, startOffset: 0, endOffset: 9 }],
    tableHeading: '| a | b |',
  },
  { source: 'e.txt', startLine: 1, endLine: 1, startOffset: 0, endOffset: 0, id: 3, text: '' },
];

describe('chunk codec', () => {
  it('gives back the chunks a JSON round trip and ChunkSchema would, key order included', () => {
    const back = decodeChunks(encodeChunks(chunks));
    const viaJson = chunks.map((c) => ChunkSchema.parse(JSON.parse(JSON.stringify(c))));
    expect(back).toStrictEqual(viaJson);
    expect(JSON.stringify(back)).toBe(JSON.stringify(viaJson));
    expect(decodeChunks(encodeChunks([]))).toEqual([]);
  });

  it('ends with every text as UTF-8, one after another (a lone surrogate as U+FFFD, as Buffer.from writes it)', () => {
    const odd = [...chunks, { ...chunks[0]!, id: 4, text: 'half \ud800 a pair' }];
    const bytes = encodeChunks(odd);
    const texts = Buffer.concat(odd.map((c) => Buffer.from(c.text)));
    expect(bytes.subarray(bytes.length - texts.length).equals(texts)).toBe(true);
    expect(decodeChunks(bytes)[4]!.text).toBe('half \ufffd a pair');
  });

  it('refuses a truncated or foreign file', () => {
    const bytes = encodeChunks(chunks);
    expect(() => decodeChunks(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    expect(() => decodeChunks(Buffer.from('[{"id":0}]'))).toThrow(/not a chunks file/);
    // Tables whose path list holds a number: refused, as the schema refused it.
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf('"a.md"');
    damaged.write('12345 ', at);
    expect(() => decodeChunks(damaged)).toThrow(/tables/);
  });

  it('reads the head in steps as in one go, whatever the paths and sections hold', async () => {
    const odd = [
      ...chunks,
      { ...chunks[0]!, id: 4, source: 'x],"extras":{"0":{}}.md', section: '"],"extras":' },
      { ...chunks[3]!, id: 5, source: 'q\\"],"extras":.md', tableHeading: '],"extras":' },
    ];
    let turns = 0;
    const nextTurn = async () => void turns++;
    for (const list of [odd, odd.slice(0, 2), []]) {
      const bytes = encodeChunks(list);
      const stepped = await decodeHeadInSteps(bytes, bytes.length, nextTurn);
      expect(stepped).toStrictEqual(decodeHead(bytes, bytes.length));
    }
    expect(turns).toBeGreaterThan(0);
  });

  it("copies a spliced list's kept texts from the file its list was encoded to: the same bytes", () => {
    const old = [...chunks, { ...chunks[0]!, id: 4, text: 'Ünïcode kept 🙂' }];
    const fresh = (id: number, text: string): Chunk => ({ ...chunks[3]!, id, text, endOffset: text.length });
    // Chunk 1 dropped, a new one in its place and one at the end; runs of kept ones around them.
    const next = [old[0]!, fresh(1, 'nëw 🙂'), old[2]!, old[3]!, old[4]!, fresh(5, 'last')].map((c, id) => ({
      ...c,
      id,
    }));
    const from = Int32Array.of(0, -1, 2, 3, 4, -1);
    const plain = encodeChunks(next);
    // Not encoded before: nothing to copy from, encoded as usual.
    expect(encodeChunks(next, { chunks: old, from }).equals(plain)).toBe(true);
    encodeChunks(old);
    expect(encodeChunks(next, { chunks: old, from }).equals(plain)).toBe(true);
    expect(decodeChunks(plain)).toEqual(next);
  });
});
