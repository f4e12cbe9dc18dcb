import { memoByText } from '../text/memo.js';
import { terms } from '../text/tokenize.js';

/**
 * Sentences stating a change ("The console moved from port 8080 to port 9443", "the rate limit goes
 * up from 300 to 600"): the value after "from" is the old one, the value after "to" the one in force.
 * "X has been renamed to Y" says the same. A question asks for the old value only when it says so
 * ("before", "previously", "used to").
 */

/** A verb of change, then "from <old> to <new>" in the same clause. */
const CHANGE =
  /\b(?:move[sd]?|moving|change[sd]?|changing|increase[sd]?|increasing|decrease[sd]?|decreasing|rise[sn]?|rose|raise[sd]?|fall(?:s|en)?|fell|go(?:es)? (?:up|down)|went (?:up|down)|gone (?:up|down)|lower(?:s|ed)?|reduce[sd]?|cut|extend(?:s|ed)?|grow(?:s|n)?|grew|drop(?:s|ped)?|switch(?:es|ed)?|upgrade[sd]?|bump(?:s|ed)?|shorten(?:s|ed)?|lengthen(?:s|ed)?|rename[sd]?|replaced?|migrated?|relocated?|shift(?:s|ed)?)\b[^.;:\n]{0,80}?\bfrom\s+((?:[^.;\n]|\.(?!\s|$)){1,80}?)\s+to\s+((?:[^.,;\n]|\.(?!\s|$)){1,80}?)(?=[,;\n]|\.(?:\s|$)|\s+(?:and|from|on|in|at|by|for|with|since|starting|effective)\b|$)/dgi;

/** "What was the limit before July?", "Which port did it use previously?" */
const ASKS_OLD = /\b(?:before|previous(?:ly)?|prior|old|older|used to|originally|formerly|former|earlier|until)\b/i;

/** A clause naming the thing by its old name ("the command that used to be called X", "formerly known as X"): the question asks what it is now. */
const OLD_NAME =
  /\b(?:(?:that|which|who)\s+(?:used to be|was formerly|were formerly|was previously|was once)|(?:formerly|previously|once)\s+(?:called|known as|named))\b[^,?]*/gi;

export function asksOld(question: string): boolean {
  return ASKS_OLD.test(question.replace(OLD_NAME, ''));
}

/** "`corebook reserve` has been renamed to `corebook book`", "X was replaced by Y": the subject is the old one. */
const RENAMED =
  /(`[^`\n]{1,60}`|[\p{L}\d][\p{L}\d._-]{0,40})\s+(?:has been|have been|was|were|is|are|got)\s+(?:renamed|changed|moved|replaced|superseded)\s+(?:to|by|with)\s+((?:[^.,;\n]|\.(?!\s|$)){1,60}?)(?=[,;\n]|\.(?:\s|$)|$)/dgu;

export interface Change {
  /** Offsets of the old and the new value in the sentence. */
  old: { start: number; end: number };
  new: { start: number; end: number };
  /** What changed ("the Weekly Rider"), where the sentence says it before the values. */
  subject?: { start: number; end: number };
}

/** Asked for every candidate span of a sentence: read once per sentence. */
export const changesIn: (sentence: string) => readonly Change[] = memoByText(findChanges, 5_000);

/** A change the verb before governs too: "… goes up from £5.50 to £5.80 and the Weekly Rider from £19.00 to £20.00". */
const ALSO_CHANGED =
  /^\s*(?:,\s*(?:and\s+)?|and\s+)[^.;:\n]{0,60}?\bfrom\s+((?:[^.;\n]|\.(?!\s|$)){1,80}?)\s+to\s+((?:[^.,;\n]|\.(?!\s|$)){1,80}?)(?=[,;\n]|\.(?:\s|$)|\s+(?:and|from|on|in|at|by|for|with|since|starting|effective)\b|$)/d;

/** "This was increased from £2.00 on 1 April": a change naming only the old value (the new one is said before it). */
const CHANGED_FROM =
  /\b(?:increased|decreased|raised|reduced|lowered|cut|changed|moved|extended|shortened|went (?:up|down)|gone (?:up|down)|rose|fell|dropped)\s+from\s+([£$€]?\d[\d,.:]*(?:\s?(?:%|[a-z]+))?)(?=\s+(?:on|in|at|since|last|from|effective)\b|\s*[,.;)]|\s*$)/dgi;

/** "(it was previously open from 09:00 to 17:00)", "the fee used to be £2.00": a value that held before, to the clause's end. */
const HELD_BEFORE = /\b(?:(?:was|were|had been)\s+(?:previously|formerly|originally)|used to be)\b[^.;()\n]{1,80}/gi;

function findChanges(sentence: string): Change[] {
  const out: Change[] = [];
  const add = (m: RegExpMatchArray, offset = 0, subject?: { start: number; end: number }) => {
    const [oldStart, oldEnd] = m.indices![1]!;
    const [newStart, newEnd] = m.indices![2]!;
    out.push({
      old: { start: offset + oldStart, end: offset + oldEnd },
      new: { start: offset + newStart, end: offset + newEnd },
      ...(subject && { subject }),
    });
  };
  for (const m of sentence.matchAll(CHANGE)) {
    // The subject is the clause before the verb ("The adult Day Rider goes up …").
    const clause = Math.max(0, ...[',', ';', ':', ' and '].map((b) => sentence.lastIndexOf(b, m.index) + b.length));
    add(m, 0, { start: Math.min(clause, m.index), end: m.index });
    for (
      let end = m.index + m[0].length, more = ALSO_CHANGED.exec(sentence.slice(end));
      more;
      more = ALSO_CHANGED.exec(sentence.slice(end))
    ) {
      add(more, end, { start: end + more.index, end: end + more.index + more[0].search(/\bfrom\s/) });
      end += more.index + more[0].length;
    }
  }
  for (const m of sentence.matchAll(RENAMED)) add(m);
  const none = { start: -1, end: -1 };
  for (const m of sentence.matchAll(CHANGED_FROM)) {
    const [start, end] = m.indices![1]!;
    if (!out.some((c) => c.old.start <= start && c.old.end >= end)) out.push({ old: { start, end }, new: none });
  }
  // What the sentence says held before has no new side here: the value in force is said elsewhere in it.
  for (const m of sentence.matchAll(HELD_BEFORE))
    out.push({ old: { start: m.index, end: m.index + m[0].length }, new: none });
  return out;
}

/**
 * Whether the span is a value of one change while the question names what another change of the sentence
 * is about: asked about the Weekly Rider, "£5.80" of "the Day Rider goes up from £5.50 to £5.80 and the
 * Weekly Rider from £19.00 to £20.00" is the other ticket's.
 */
export function otherSubjectValue(
  sentence: string,
  span: { start: number; end: number },
  asked: ReadonlySet<string>,
): boolean {
  const changes = changesIn(sentence).filter((c) => c.subject);
  if (changes.length < 2) return false;
  const inside = (side: { start: number; end: number }) => span.start >= side.start && span.end <= side.end;
  const own = changes.find((c) => inside(c.old) || inside(c.new));
  if (!own) return false;
  const named = (c: Change) =>
    terms(sentence.slice(c.subject!.start, c.subject!.end)).filter((t) => asked.has(t)).length;
  return changes.some((c) => c !== own && named(c) > named(own));
}

/** Whether the span is a value the sentence says held before a change. */
export function formerValue(sentence: string, span: { start: number; end: number }): boolean {
  return changesIn(sentence).some((c) => span.start >= c.old.start && span.end <= c.old.end);
}

/**
 * Whether the span is the value a change replaced, for a question asking what holds now, or the
 * new value, for a question asking what it was before.
 */
export function replacedValue(sentence: string, span: { start: number; end: number }, wantsOld: boolean): boolean {
  return changesIn(sentence).some((c) => {
    const side = wantsOld ? c.new : c.old;
    return span.start >= side.start && span.end <= side.end;
  });
}
