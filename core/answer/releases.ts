import type { Evidence, QuestionTerms } from './evidence.js';

/**
 * "Which version added the check-in command?": a changelog says so by the release heading over the
 * line ("## [2.3.0] - 2025-02-17", then "### Added", then the line), not in the line itself.
 */

/** A release number ("2.3.0", "v1.9", "3.0.0-rc.1"). */
const RELEASE = /\bv?\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?\b/;

/** Focus nouns (stems) asking which release. */
const RELEASE_NOUNS = new Set(['version', 'releas']);

export function asksRelease(q: QuestionTerms): boolean {
  return q.focus !== undefined && RELEASE_NOUNS.has(q.focus);
}

/** The release whose section holds the sentence: the nearest heading above it in its chunk that names one, else its chunk's heading path. */
export function releaseOf(evidence: Evidence): string | undefined {
  const { text, section } = evidence.passage.chunk;
  const above = text.slice(0, evidence.start).split('\n').reverse();
  for (const line of above) {
    if (!/^\s*#{1,6}\s/.test(line)) continue;
    const found = RELEASE.exec(line);
    if (found) return found[0];
  }
  for (const heading of (section ?? '').split(' > ').reverse()) {
    const found = RELEASE.exec(heading);
    if (found) return found[0];
  }
  return undefined;
}
