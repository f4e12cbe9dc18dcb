import { ordinalAt } from '../core/text/lines.js';
import type { Heading, Structure } from './loaders/types.js';

/** The heading path in force at `offset`, e.g. "Install > Linux"; undefined before the first heading. */
export function sectionAt(headings: readonly Heading[] | undefined, offset: number): string | undefined {
  if (!headings?.length) return undefined;
  const stack: Heading[] = [];
  for (const h of headings) {
    if (h.offset > offset) break;
    while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    stack.push(h);
  }
  return stack.length > 0 ? stack.map((h) => h.title).join(' > ') : undefined;
}

/** The 1-based page holding `offset`, for paged documents. */
export function pageAt(pageStarts: readonly number[] | undefined, offset: number): number | undefined {
  return pageStarts?.length ? ordinalAt(pageStarts, offset) : undefined;
}

/** Offsets a chunk never spans: every heading and page start, so each chunk has one section and one page. */
export function hardBreaks(structure: Structure | undefined, length: number): number[] {
  const offsets = [...(structure?.headings ?? []).map((h) => h.offset), ...(structure?.pageStarts ?? [])];
  return [...new Set(offsets.filter((o) => o > 0 && o < length))].sort((a, b) => a - b);
}

/** Where a span sits beyond lines: its page and section, only the fields that apply. */
export function positionAt(structure: Structure | undefined, offset: number): { page?: number; section?: string } {
  const page = pageAt(structure?.pageStarts, offset);
  const section = sectionAt(structure?.headings, offset);
  return { ...(page !== undefined ? { page } : {}), ...(section !== undefined ? { section } : {}) };
}
