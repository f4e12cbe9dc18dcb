import { stemmer } from 'stemmer';
import { STOP_WORDS } from '../lang/en.js';

/** A word of the text with its position, before any filtering. */
export interface Token {
  /** Lowercased surface form. */
  word: string;
  /** Porter stem of `word`. */
  stem: string;
  start: number;
  end: number;
}

// Letters and digits (with any combining accents), with inner apostrophes, hyphens and decimal
// points kept inside the word ("don't", "1,000", "3.5").
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’.,-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/** Lowercased and without accents: people type "Jumieges" and "fiancee" for "Jumièges" and "fiancée". */
function normalise(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

/** Every word of `text` with offsets; nothing dropped. */
export function words(text: string): Token[] {
  const out: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = normalise(match[0]);
    out.push({ word, stem: stem(word), start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/**
 * Short forms people type for words documents spell out ("Where is the config file?" over "The
 * configuration file moved …"), read as the full word. Only forms with one common meaning: "min"
 * is also minutes, "dev" also a developer, "docs" also documents.
 */
const SHORT_FORMS = new Map(
  Object.entries({
    config: 'configuration',
    configs: 'configurations',
    repo: 'repository',
    repos: 'repositories',
    info: 'information',
    admin: 'administrator',
    admins: 'administrators',
    auth: 'authentication',
    app: 'application',
    apps: 'applications',
    dir: 'directory',
    dirs: 'directories',
    db: 'database',
    dbs: 'databases',
    env: 'environment',
    envs: 'environments',
    prod: 'production',
    max: 'maximum',
    stats: 'statistics',
    msg: 'message',
    msgs: 'messages',
    qty: 'quantity',
    dept: 'department',
    mgr: 'manager',
    approx: 'approximately',
  }),
);

/**
 * Stem a lowercased word; numbers are kept whole (commas dropped so "4,300" meets "4300"), and an
 * amount with zero pence or cents is the whole amount ("£15.00" meets "£15"; a version "2.0" stays).
 */
export function stem(word: string): string {
  if (/^[\d.,]+$/.test(word)) return word.replace(/,/g, '').replace(/^(\d+)\.00$/, '$1');
  const bare = SHORT_FORMS.get(word.replace(/'s$/, '')) ?? word.replace(/'s$/, '');
  // Hyphenated words are indexed by their parts elsewhere; here the whole is stemmed as one.
  return stemmer(bare);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** A day's name or its short form; short forms only capitalised ("Sat", not "sat" of "sat down"). */
const DAY = String.raw`(?:[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)`;
const DAY_NAMES = new RegExp(String.raw`\b(${DAY})s?\b(?:\s*(?:-|–|—|to|through|till|until)\s*(${DAY})s?\b)?`, 'g');
const dayIndex = (name: string) => DAYS.findIndex((d) => d.startsWith(name.toLowerCase().slice(0, 3)));

/**
 * The days a text names, as whole names: "Sat" is Saturday, and a run of days ("Mon-Fri", "Monday to
 * Friday") names each day in it, and "weekday" or "weekend" when it is one, so a timetable's "Mon-Fri"
 * row answers "on a Tuesday" and "weekday".
 */
export function dayTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DAY_NAMES)) {
    const first = dayIndex(m[1]!);
    const last = m[2] ? dayIndex(m[2]) : first;
    if (first < 0 || last < first) continue;
    const named = DAYS.slice(first, last + 1);
    // A full name alone is already a term; a short form or a run adds what it stands for.
    if (!m[2] && DAYS.includes(m[1]!.toLowerCase())) continue;
    out.push(...named.map((d) => stem(d)));
    if (first === 0 && last === 4) out.push(stem('weekday'));
    if (first === 5 && last === 6) out.push(stem('weekend'));
  }
  return out;
}

/**
 * The terms a lexical index sees: lowercased, stop words removed, stemmed. Hyphenated words yield
 * the whole and each part, so "fibre-optic" matches "fibre optic"; a particle or prefix is joined too ("check-in" matches "checkin").
 * Days are read by name too (see dayTerms).
 */
export function terms(text: string): string[] {
  const out: string[] = dayTerms(text);
  for (const token of words(text)) {
    if (isStopWord(token.word)) continue;
    out.push(token.stem);
    if (token.word.includes('-')) {
      const parts = token.word.split('-');
      for (const part of parts) if (part && !isStopWord(part)) out.push(stem(part));
      // A particle or prefix is written joined as often ("check-in" and "checkin", "e-mail", "re-run").
      if (
        parts.length === 2 &&
        parts.some((p) => p.length <= 3 || isStopWord(p)) &&
        parts.every((p) => /^\p{L}+$/u.test(p))
      )
        out.push(stem(parts.join('')));
    }
  }
  return out;
}
