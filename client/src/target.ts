import type { Citation, Passage } from './model.js';

/** What the source panel shows: a span of one document, reached from a citation chip or a passage. */
export interface SourceTarget {
  source: string;
  /** 0 when nothing is cited: the whole document, opened from the documents list. */
  startLine: number;
  endLine: number;
  page?: number;
  section?: string;
  /** "Citation 2", "Retrieved passage". */
  label: string;
  /** The sentence quoted by a citation, marked inside the cited lines when found there. */
  quote?: string;
}

export function citationTarget(citation: Citation, number: number): SourceTarget {
  const { source, startLine, endLine, page, section, quote } = citation;
  return {
    source,
    startLine,
    endLine,
    label: `Citation ${number}`,
    quote,
    ...(page ? { page } : {}),
    ...(section ? { section } : {}),
  };
}

export function passageTarget(passage: Passage): SourceTarget {
  const { source, startLine, endLine, page, section } = passage;
  return {
    source,
    startLine,
    endLine,
    label: 'Retrieved passage',
    ...(page ? { page } : {}),
    ...(section ? { section } : {}),
  };
}

export function documentTarget(source: string): SourceTarget {
  return { source, startLine: 0, endLine: 0, label: 'Document' };
}

/** Passages retrieved for the question that no citation points into. */
export function uncitedPassages(passages: readonly Passage[], citations: readonly Citation[]): Passage[] {
  return passages.filter(
    (p) => !citations.some((c) => c.source === p.source && c.startLine <= p.endLine && c.endLine >= p.startLine),
  );
}
