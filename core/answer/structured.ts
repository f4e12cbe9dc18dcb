import { recordFields } from '../text/records.js';
import { memoByText } from '../text/memo.js';
import { cellsOf, isSeparator, isTableLine, lineIndexAt, linesOf, rowHeading, type Cell } from '../text/tables.js';
import { terms } from '../text/tokenize.js';
import type { Evidence, QuestionTerms } from './evidence.js';
import { missingNames, saysName } from './unsaid.js';
import { clockValues, rangeValue, seriesValue } from './ranges.js';
import type { AnswerType } from './question-type.js';
import { keyUnit } from './units.js';

/** Word forms a heading or key may differ from the question by ("supplies" and "supplier"): a shared start this long. */
const SHARED_START = 5;

/** Words that join a key's parts ("overage_usd_per_label") or frame a question ("how much"), naming nothing. */
const CONNECTIVES = new Set(terms('per much many each every'));

/** A key's words: JSON paths and identifiers join them with dots ("rollout.platforms"). */
export const labelTerms = (label: string) => terms(label.replace(/[._]+/g, ' ')).filter((t) => !CONNECTIVES.has(t));

/**
 * Words for one event, as keys and questions write it: "When was the fan fixed?" asks for
 * `date_completed`, "When was it reported?" for `date_reported` (stems).
 */
const EVENT_WORDS = [
  terms('completed fixed resolved closed finished done repaired'),
  terms('reported raised logged opened created submitted filed'),
  terms('started began begun commenced'),
  terms('ended expired expires'),
  terms('paid payment'),
  terms('delivered shipped dispatched sent'),
].map((group) => new Set(group));

/** How much of what the question asks a heading or key names (the weights of the question words it names, in the same or a related form); 0 when it names none. */
function naming(q: QuestionTerms, label: string): number {
  const sameEvent = (a: string, t: string) => EVENT_WORDS.some((group) => group.has(a) && group.has(t));
  const related = (a: string, t: string) =>
    a === t ||
    sameEvent(a, t) ||
    (a.length >= SHARED_START && t.length >= SHARED_START && a.slice(0, SHARED_START) === t.slice(0, SHARED_START));
  // Each question word counts once, however many of the label's words it meets.
  const words = labelTerms(label);
  let named = 0;
  q.stems.forEach((a, i) => words.some((t) => related(a, t)) && (named += q.weights[i]!));
  return named;
}

type Labelled = { label: string; value: Cell };

/**
 * Of a row's or record's labelled values, the one the question names: the values not repeating the
 * question, whose labels name a question word, the one naming the question's focus ("platforms" in
 * "Which platforms is the flag enabled on?", over "enabled"), else the most specific one ("headcount"
 * over "office" in "What is the headcount of the Singapore office?"). When no label is named, the
 * one label that says it holds the kind of answer asked for ("assigned_to" for "who"). None when
 * two tie or the value is empty.
 */
function pickNamed(q: QuestionTerms, type: AnswerType, labelled: Labelled[]): Cell | undefined {
  const asked = new Set(q.stems);
  // A value saying only what the question says ("Business plan") is the row's subject, not its answer; "eu-central-1" is news beside "eu-west-1".
  // A person is named without digits: "who leads the trip" is not answered by its "trip_id: T-2506".
  const unrepeated = labelled.filter(
    (l) =>
      l.value.text &&
      !terms(l.value.text).every((s) => asked.has(s)) &&
      !(type === 'person' && /\d/.test(l.value.text)),
  );
  // "The last weekday 14" over a timetable row ("dep_1: 06:52; …; dep_8: 18:30"): the last time of the series.
  const ofSeries =
    type === 'date' && q.asksSeriesEnd ? seriesValue(unrepeated, (l) => l.value.text, q.asksSeriesEnd) : undefined;
  if (ofSeries) return ofSeries.value;
  // "What time should I pick her up?" over "start: 15:20; end: 16:45": the end of the record's range. A value
  // whose key gives it a unit or a currency ("cost_per_pupil: 12.00") is no time of day, however it is written.
  const timed = unrepeated.filter((l) => keyUnit(l.label) === undefined);
  const ofRange = type === 'date' && q.asksEnd ? rangeValue(timed, (l) => l.value.text, q.asksEnd) : undefined;
  if (ofRange) return ofRange.value;
  // "Which day are the bins emptied?" over "Bin store location | Refuse collection": a when-question is answered by a value
  // that says when; "what time", by a time of day where the record gives one.
  const dated = type === 'date' ? unrepeated.filter((l) => SAYS_WHEN.test(l.value.text)) : [];
  const clocks = q.asksClock
    ? clockValues(
        dated.filter((l) => timed.includes(l)),
        (l) => l.value.text,
      )
    : [];
  const fresh = clocks.length > 0 ? clocks : dated.length > 0 ? dated : unrepeated;
  // The focus names a key all of whose own words (a JSON path's last part) the question says: "failover region"
  // names failover_region, "region" alone does not; "platforms" names rollout.platforms.
  const focusNaming = (label: string): 'names' | 'other' | undefined => {
    const own = labelTerms(label.slice(label.lastIndexOf('.') + 1));
    if (q.focus === undefined || !own.includes(q.focus)) return undefined;
    return own.every((t) => asked.has(t)) ? 'names' : 'other';
  };
  // A key naming another kind of the focus ("failover_region" for "which region is degraded") answers nothing.
  const scored = fresh
    .filter((l) => focusNaming(l.label) !== 'other')
    .map((l) => ({ ...l, score: naming(q, l.label) + (focusNaming(l.label) === 'names' ? FOCUS_BONUS : 0) }))
    .filter((l) => l.score > 0)
    .sort((a, b) => b.score - a.score);
  const hints = KIND_LABELS[type];
  const ofKind = (l: Labelled) => hints !== undefined && labelTerms(l.label).some((t) => hints.has(t));
  const kind = fresh.filter(ofKind);
  // A price is in a price field, and a reason in a note, though the question may name another field ("How much
  // is the Business plan per month?" names "included_labels_per_month"; "Why is the Canada region in
  // maintenance?" names "maintenance_window"): of those fields, the one named, else the plainest ("price_usd").
  if (KIND_FIRST.has(type) && kind.length > 0) {
    const namedKind = scored.filter(ofKind);
    if (namedKind.length > 0) return onlyBest(namedKind.map((l) => ({ ...l, rank: l.score })));
    return onlyBest(kind.map((l) => ({ ...l, rank: -labelTerms(l.label).filter((t) => !hints!.has(t)).length })));
  }
  if (scored.length > 0) return onlyBest(scored.map((l) => ({ ...l, rank: l.score })));
  if (kind.length === 1) return kind[0]!.value;
  // "Which region is degraded?" over "code: us-east-1; name: US East; status: degraded": the row itself, by its first identifying key.
  return ASKS_WHICH.has(type)
    ? fresh.find((l) => labelTerms(l.label).some((t) => IDENTITY_LABELS.has(t)))?.value
    : undefined;
}

/** Digits or a calendar word: a value that can say when. */
const SAYS_WHEN =
  /\d|\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\b(?:daily|weekly|monthly|yearly|annually|noon|midnight)\b/i;

/** The value ranked first, unless another ties with it. */
function onlyBest(ranked: (Labelled & { rank: number })[]): Cell | undefined {
  const [first, second] = [...ranked].sort((a, b) => b.rank - a.rank);
  return first && (!second || second.rank < first.rank) ? first.value : undefined;
}

/** Outweighs any word's weight: the focus names what the answer is. */
const FOCUS_BONUS = 1_000;

/** Words by which a heading or key says what kind of value it holds (stems). */
const KIND_LABELS: Partial<Record<AnswerType, Set<string>>> = {
  person: new Set(
    terms(
      'name owner assigned assignee person contact lead manager speaker author host chair staff employee member responsible presenter contractor supplier vendor engineer technician landlord tenant',
    ),
  ),
  date: new Set(terms('date time day when deadline due')),
  place: new Set(terms('location place room site address venue where')),
  city: new Set(terms('city town location')),
  country: new Set(terms('country nation')),
  code: new Set(terms('command cli flag option setting variable key endpoint')),
  money: new Set(
    terms(
      'price cost fee charge amount total salary rent fine budget usd eur gbp jpy chf aud cad nok sek dkk dollars euros pounds',
    ),
  ),
  reason: new Set(terms('reason cause note why explanation comment')),
};

/** Answer kinds whose fields say so plainly in their keys, so a key of that kind beats one the question only mentions. */
const KIND_FIRST = new Set<AnswerType>(['money', 'reason']);

/** Keys naming what a row is about ("name", "code"): the answer to "which region …" when no other key is named. */
const IDENTITY_LABELS = new Set(terms('name title code id key sku'));
/** Questions asking which thing, answered by a row's identity. */
const ASKS_WHICH = new Set<AnswerType>(['entity', 'place', 'city', 'country', 'code']);

/** The line of its chunk a sentence lies on. */
export function lineOf(evidence: Evidence): { text: string; start: number } {
  const text = evidence.passage.chunk.text;
  const start = text.lastIndexOf('\n', evidence.start - 1) + 1;
  const end = text.indexOf('\n', evidence.start);
  return { text: text.slice(start, end < 0 ? text.length : end).replace(/\r$/, ''), start };
}

/** A chunk's lines, split once: asked for every sentence of it (a chunk of thousands of lines split for each took seconds). Callers must not change them. */
const chunkLines = memoByText(linesOf, 2_000);

/**
 * Whether the sentence is a table's heading line ("| Setting | Default | Description |" above
 * "| --- | --- | --- |") or that separator: it names the columns and states nothing, so no
 * phrase of it answers a question, however well it covers one.
 */
export function onTableHeading(evidence: Evidence): boolean {
  // Asked of every sentence of every question: most text holds no table at all.
  if (!evidence.passage.chunk.text.includes('|')) return false;
  const lines = chunkLines(evidence.passage.chunk.text);
  const row = lineIndexAt(lines, evidence.start);
  const line = lines[row];
  if (!line || !isTableLine(line.text)) return false;
  if (isSeparator(line.text)) return true;
  const opensBlock = row === 0 || !isTableLine(lines[row - 1]!.text);
  return opensBlock && isSeparator(lines[row + 1]?.text ?? '');
}

/** Whether the sentence lies on a line of a table or a record ("name: Ada; role: engineer"). */
export function onStructuredLine(evidence: Evidence): boolean {
  const line = lineOf(evidence).text;
  return isTableLine(line) || recordFields(line).length > 0;
}

/**
 * The row a sentence lies on, whole, when it is a table row (with its heading line) or a record: a
 * row speaks for itself alone, so what it says is only what that line (and its table's heading) says.
 */
export function structuredRow(evidence: Evidence): string | undefined {
  const line = lineOf(evidence);
  // A record's keys are the same on every row ("epc_rating"): only its values say what the row is about.
  const fields = recordFields(line.text);
  if (fields.length > 0) return fields.map((f) => f.value.text).join('; ');
  if (!isTableLine(line.text)) return undefined;
  const heading = rowHeading(
    chunkLines(evidence.passage.chunk.text),
    evidence.start,
    evidence.passage.chunk.tableHeading,
  );
  return heading ? `${heading.text}\n${line.text}` : line.text;
}

/**
 * Which sentences' rows say the question's names, as a test. A row of a table or a record speaks for
 * itself only: the Canada row does not answer for Sydney, which another row of the file names. A
 * name no row says (the product the whole table describes) is the table's context, and prose is
 * judged by its passage (missingNames).
 */
export function rowsSayingNames(question: string, evidence: Evidence[]): (e: Evidence) => boolean {
  const rows = new Map(evidence.map((e) => [e, structuredRow(e)]));
  // Rows of one file, wherever its retrieved passages cut it: the row naming B-403 may lie in another chunk.
  const rowsOf = new Map<string, Set<string>>();
  for (const [e, row] of rows)
    if (row !== undefined)
      (
        rowsOf.get(e.passage.chunk.source) ?? rowsOf.set(e.passage.chunk.source, new Set()).get(e.passage.chunk.source)!
      ).add(row);
  // Asked once per file and name: a log of thousands of records would otherwise compare every row with every other.
  const asked = new Map<string, Map<string, boolean>>();
  const saidInRows = (file: string, name: string) => {
    const known = asked.get(file) ?? asked.set(file, new Map()).get(file)!;
    if (!known.has(name))
      known.set(
        name,
        [...rowsOf.get(file)!].some((r) => saysName(r, name)),
      );
    return known.get(name)!;
  };
  return (e) => {
    const row = rows.get(e);
    return row === undefined || !missingNames(question, row).some((name) => saidInRows(e.passage.chunk.source, name));
  };
}

/**
 * Whether the record the sentence lies on lacks the field the question asks for, which other records of
 * its passage have: "the maintenance window of the Sydney region" over a Sydney record with no
 * `maintenance_window` where the other regions have one. The documents do not say it for this record.
 */
export function lacksAskedField(q: QuestionTerms, evidence: Evidence): boolean {
  const line = lineOf(evidence);
  const own = recordFields(line.text);
  if (own.length === 0) return false;
  const best = (fields: { key: string }[]) => Math.max(0, ...fields.map((f) => naming(q, f.key)));
  const mine = best(own);
  return chunkLines(evidence.passage.chunk.text).some(
    (l) => l.start !== line.start && best(recordFields(l.text)) > mine,
  );
}

/** The one cell of the row, or value of the record, that the question names by its heading or key. */
export function structuredAnswer(q: QuestionTerms, type: AnswerType, evidence: Evidence): Cell | undefined {
  return tableCell(q, type, evidence) ?? recordValue(q, type, evidence);
}

/**
 * A record line (CSV and JSON rows as the loaders write them) answers with the value whose key the
 * question names: "What is Ada's role?" over "name: Ada; role: engineer" is "engineer".
 */
export function recordValue(q: QuestionTerms, type: AnswerType, evidence: Evidence): Cell | undefined {
  const line = lineOf(evidence);
  return pickNamed(
    q,
    type,
    recordFields(line.text, line.start).map((f) => ({ label: f.key, value: f.value })),
  );
}

/**
 * The answer a table gives directly: when the best sentence is a table row and the question names
 * one of the table's column headings ("What is the default port?" over "| variable | default |"),
 * the row's cell in that column. Ranking phrases cannot tell "3000" from "WebSocket" in
 * "| PORT | 3000 | HTTP and WebSocket port |"; the heading can. The heading is in the chunk, or,
 * for a chunk that opens among the rows, kept with it at ingest (`tableHeading`).
 */
export function tableCell(q: QuestionTerms, type: AnswerType, evidence: Evidence): Cell | undefined {
  const { chunk } = evidence.passage;
  const lines = chunkLines(chunk.text);
  const row = lineIndexAt(lines, evidence.start);
  const heading = rowHeading(lines, evidence.start, chunk.tableHeading);
  if (!heading) return undefined;
  const headings = cellsOf(heading);
  const cells = cellsOf(lines[row]!);
  if (headings.length !== cells.length) return undefined;
  // Cells hold code and emphasis ("`3000`"): the value is what is inside (cellsOf), and an empty cell answers nothing.
  return pickNamed(
    q,
    type,
    headings.map((h, i) => ({ label: h.text, value: cells[i]! })),
  );
}
