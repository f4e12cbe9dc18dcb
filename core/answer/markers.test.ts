import { describe, expect, it } from 'vitest';
import { MarkerRewriter, markersIn, rewriteMarkers, stripMarkers } from './markers.js';

describe('citation markers', () => {
  it('renumbers by first use, drops markers naming no passage, and splits lists', () => {
    const r = rewriteMarkers('Kabul hosted it [3]. Dar came [1, 3]. A guess [9]. Old [0].', 3);
    expect(r.text).toBe('Kabul hosted it [1]. Dar came [2][1]. A guess. Old.');
    expect(r.cited).toEqual([3, 1]);
  });

  it('gives the same text whichever way the stream is cut', () => {
    const text = 'Alpha [2]. Beta [1,2] and gamma [7]. [x] stays, [12 is text.';
    const whole = rewriteMarkers(text, 2).text;
    for (let size = 1; size <= 5; size++) {
      const r = new MarkerRewriter(2);
      let out = '';
      for (let i = 0; i < text.length; i += size) out += r.push(text.slice(i, i + size));
      out += r.flush();
      expect(out, `pieces of ${size}`).toBe(whole);
    }
    expect(whole).toBe('Alpha [1]. Beta [2][1] and gamma. [x] stays, [12 is text.');
  });

  it('reads ranges, named passages, footnotes and CJK brackets as citations, whichever way the stream is cut', () => {
    const text =
      'Dar came [1-2]. Kabul [Document 3]. Tuesday [doc 1, Doc. 2]. Geneva [^2]. Quist【3】. Old [Passage 4]. Far [100]. Span [2 – 3]. Not `[Doc 1]`.';
    const want =
      'Dar came [1][2]. Kabul [3]. Tuesday [1][2]. Geneva [2]. Quist[3]. Old. Far. Span [2][3]. Not `[Doc 1]`.';
    for (let size = 1; size <= 9; size++) {
      const r = new MarkerRewriter(3);
      let out = '';
      for (let i = 0; i < text.length; i += size) out += r.push(text.slice(i, i + size));
      out += r.flush();
      expect(out, `pieces of ${size}`).toBe(want);
      expect(r.cited).toEqual([1, 2, 3]);
    }
    expect(rewriteMarkers('A range past the end [2-9], a list [1, 100].', 3).text).toBe(
      'A range past the end [1][2], a list [3].',
    );
    // Passage numbers are small (k is at most 50): a bracketed year is text.
    expect(rewriteMarkers('It opened in [2024] [1].', 3).text).toBe('It opened in [2024] [1].');
  });

  it('streams a bracket list too long to be a marker as text, rather than holding it back to the end', () => {
    const long = `Pages [${Array.from({ length: 30 }, (_, i) => i + 1).join(', ')}] and on.`;
    const r = new MarkerRewriter(3);
    let out = '';
    for (const ch of long.slice(0, -10)) out += r.push(ch);
    expect(out.length).toBeGreaterThan(60);
    expect(out + r.push(long.slice(-10)) + r.flush()).toBe(long);
    expect(rewriteMarkers(long, 3).text).toBe(long);
  });

  it('leaves brackets in code alone, inline or fenced, however the stream is cut', () => {
    const text =
      'Use `rows[3]` or `` a[0] `` [2].\n```py\nx = arr[1]\ny = [4]\n```\nThen [1]. Unclosed `b[2]\nstill prose [2].';
    const want =
      'Use `rows[3]` or `` a[0] `` [1].\n```py\nx = arr[1]\ny = [4]\n```\nThen [2]. Unclosed `b[2]\nstill prose [1].';
    for (let size = 1; size <= 7; size++) {
      const r = new MarkerRewriter(2);
      let out = '';
      for (let i = 0; i < text.length; i += size) out += r.push(text.slice(i, i + size));
      out += r.flush();
      expect(out, `pieces of ${size}`).toBe(want);
      expect(r.cited).toEqual([2, 1]);
    }
  });

  it('finds and strips markers in prose only, as the rewrite does', () => {
    const text = 'Use `rows[3]` [1].\n```\nx = arr[2]\n```\nAnd `` a[4] `` [2]. Unclosed `b[5]\nstill prose [3].';
    expect(markersIn(text)).toEqual([1, 2, 3]);
    expect(stripMarkers(text)).toBe(
      'Use `rows[3]`.\n```\nx = arr[2]\n```\nAnd `` a[4] ``. Unclosed `b[5]\nstill prose.',
    );
  });

  it('holds back only a possible marker, streaming the rest at once', () => {
    const r = new MarkerRewriter(2);
    expect(r.push('The answer is')).toBe('The answer is');
    expect(r.push(' [')).toBe('');
    expect(r.push('2] and')).toBe(' [1] and');
  });
});
