import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, ProgressBar } from './progress.js';

/** A terminal that records what was drawn. */
function terminal(isTTY = true) {
  const writes: string[] = [];
  const stream = { isTTY, columns: 200, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
  return { stream, writes };
}

describe('ProgressBar', () => {
  it('draws files done of total, MB/s, the time left and the current file on a terminal', () => {
    const { stream, writes } = terminal();
    let now = 0;
    const bar = new ProgressBar(stream, { enabled: true, now: () => now });
    bar.file({ done: 1, total: 4, source: 'a.pdf', bytes: 0 });
    now = 2_000;
    bar.file({ done: 2, total: 4, source: 'b.pdf', bytes: 4_000_000 });
    const line = writes.at(-1)!;
    expect(line).toContain('2/4');
    expect(line).toContain('2.0 MB/s');
    expect(line).toContain('ETA 2s');
    expect(line).toContain('b.pdf');
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[K');
  });

  it("draws the embed phase with the run's MB/s and the time left", () => {
    const { stream, writes } = terminal();
    let now = 0;
    const bar = new ProgressBar(stream, { enabled: true, now: () => now });
    bar.file({ done: 1, total: 1, source: 'a.txt', bytes: 8_000_000 });
    now = 1_000;
    bar.chunks(0, 100);
    now = 3_000;
    bar.chunks(50, 100);
    const line = writes.at(-1)!;
    expect(line).toContain('50/100');
    expect(line).toContain('2.7 MB/s');
    expect(line).toContain('ETA 2s');
  });

  it('stays silent where it is not enabled (no terminal, or CI), but prints a line per file when verbose', () => {
    const { stream, writes } = terminal(false);
    const lines: string[] = [];
    const bar = new ProgressBar(stream, { enabled: false, verbose: true, log: (l) => lines.push(l) });
    bar.file({ done: 1, total: 2, source: 'notes.md', bytes: 2048, outcome: 'converted' });
    bar.update('embed', 1, 2);
    bar.clear();
    expect(writes).toEqual([]);
    expect(lines).toEqual(['[1/2] notes.md (2.0 KB) converted']);
  });

  it('formats sizes and durations for people', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '3.0 MB']);
    expect([formatDuration(0.4), formatDuration(59), formatDuration(61), formatDuration(3600)]).toEqual([
      '0s',
      '59s',
      '1m01s',
      '60m00s',
    ]);
  });
});
