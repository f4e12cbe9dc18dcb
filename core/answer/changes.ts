/**
 * Sentences stating a change ("The console moved from port 8080 to port 9443", "the rate limit goes
 * up from 300 to 600"): the value after "from" is the old one, the value after "to" the one in force.
 * A question asks for the old value only when it says so ("before", "previously", "used to").
 */

/** A verb of change, then "from <old> to <new>" in the same clause. */
const CHANGE = /\b(?:move[sd]?|moving|change[sd]?|changing|increase[sd]?|increasing|decrease[sd]?|decreasing|rise[sn]?|rose|raise[sd]?|fall(?:s|en)?|fell|go(?:es)? (?:up|down)|went (?:up|down)|gone (?:up|down)|lower(?:s|ed)?|reduce[sd]?|cut|extend(?:s|ed)?|grow(?:s|n)?|grew|drop(?:s|ped)?|switch(?:es|ed)?|upgrade[sd]?|bump(?:s|ed)?|shorten(?:s|ed)?|lengthen(?:s|ed)?|rename[sd]?|replaced?|migrated?|relocated?|shift(?:s|ed)?)\b[^.;:\n]{0,80}?\bfrom\s+((?:[^.;\n]|\.(?!\s|$)){1,80}?)\s+to\s+((?:[^.,;\n]|\.(?!\s|$)){1,80}?)(?=[,;\n]|\.(?:\s|$)|\s+(?:and|from|on|in|at|by|for|with|since|starting|effective)\b|$)/dgi;

/** "What was the limit before July?", "Which port did it use previously?" */
const ASKS_OLD = /\b(?:before|previous(?:ly)?|prior|old|older|used to|originally|formerly|former|earlier|until)\b/i;

export function asksOld(question: string): boolean {
  return ASKS_OLD.test(question);
}

export interface Change {
  /** Offsets of the old and the new value in the sentence. */
  old: { start: number; end: number };
  new: { start: number; end: number };
}

export function changesIn(sentence: string): Change[] {
  return [...sentence.matchAll(CHANGE)].map((m) => {
    const [oldStart, oldEnd] = m.indices![1]!;
    const [newStart, newEnd] = m.indices![2]!;
    return { old: { start: oldStart, end: oldEnd }, new: { start: newStart, end: newEnd } };
  });
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
