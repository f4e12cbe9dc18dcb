import { describe, expect, it } from 'vitest';
import { ManifestSchema, parseManifestInSteps } from './manifest.js';

/** A manifest of `n` files as JSON would give it, with a stray key zod drops and the optional parts. */
function manifestJson(n: number): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    files[`part-${i % 7}/doc-${i}.md`] = {
      hash: `h${i}`,
      chunks: i % 13,
      ...(i % 3 === 0 && { stat: { size: i, mtimeMs: i * 2, ctimeMs: i * 3, ino: i * 5 } }),
      ...(i === 5 && { stray: true }),
    };
  return {
    format: 2,
    createdAt: new Date(0).toISOString(),
    embedder: { provider: 'local', model: 'hash', settings: { dimensions: 1024 } },
    chunking: { chunkSize: 700, chunkOverlap: 120 },
    extraction: 10,
    files,
    failed: { 'bad.pdf': { hash: 'x', reason: 'no text', limits: '1' } },
    counts: { files: n, chunks: 3 * n, dimensions: 1024 },
  };
}

describe('parseManifestInSteps', () => {
  it('gives what ManifestSchema.parse gives, key order included, over several steps', async () => {
    for (const n of [0, 1, 2500]) {
      const json = manifestJson(n);
      const stepped = await parseManifestInSteps(json);
      expect(stepped).toStrictEqual(ManifestSchema.parse(json));
      expect(JSON.stringify(stepped)).toBe(JSON.stringify(ManifestSchema.parse(json)));
    }
  });

  it('refuses what the schema refuses, a file entry after the first step included', async () => {
    const json = manifestJson(2500);
    (json.files as Record<string, unknown>)['part-0/doc-2100.md'] = { hash: 3, chunks: 1 };
    await expect(parseManifestInSteps(json)).rejects.toThrow();
    expect(() => ManifestSchema.parse(json)).toThrow();
    await expect(parseManifestInSteps({ ...manifestJson(1), counts: undefined })).rejects.toThrow();
  });
});
