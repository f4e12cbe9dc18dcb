import { describe, expect, it } from 'vitest';
import type { Chunk } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';

const changelog = [
  '# corebook changelog',
  '',
  '## [2.3.0] - 2025-02-17',
  '',
  '### Added',
  '- `corebook checkin <reference>` to confirm that you have arrived.',
  '',
  '## [2.2.0] - 2024-11-04',
  '',
  '### Added',
  '- Support for the Chromium X.',
].join('\n');
const answerer = new ExtractiveAnswerer(() => 1);
const at = (text: string, section?: string) => {
  const chunk: Chunk = {
    id: 0,
    source: 'CHANGELOG.md',
    startLine: 1,
    endLine: text.split('\n').length,
    startOffset: 0,
    endOffset: text.length,
    text,
    ...(section && { section }),
  };
  return [{ chunk, score: 1 }];
};

describe('which release', () => {
  it('answers "which version" with the release heading over the line that says it', async () => {
    expect(
      (await answerer.extract('Which version of corebook added the check-in command?', at(changelog))).answer,
    ).toBe('2.3.0');
    expect(
      (await answerer.extract('In which release was support for the Chromium X added?', at(changelog))).answer,
    ).toBe('2.2.0');
  });

  it("reads the chunk's heading path when the heading lies in an earlier chunk", async () => {
    const bullets = '### Added\n- `corebook checkin <reference>` to confirm that you have arrived.';
    expect(
      (
        await answerer.extract(
          'Which version added the checkin command?',
          at(bullets, 'corebook changelog > [2.3.0] - 2025-02-17 > Added'),
        )
      ).answer,
    ).toBe('2.3.0');
  });
});
