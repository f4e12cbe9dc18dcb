import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol.js';
import { words } from '../text/tokenize.js';
import { asOneLine } from '../text/lines.js';
import type { Chunk, Passage, Turn } from '../types.js';
import { CLOSEST_PASSAGE, NOT_IN_DOCUMENTS } from './answerer.js';
import { ExtractiveAnswerer, type Extraction } from './extractive.js';

/**
 * Property tests of the offline answerer: whatever documents and questions users bring, extract()
 * must not throw or hang, and what it answers and cites must be there in the text it was given.
 * Deterministic in CI (fixed seed and runs); a deeper hunt:
 *   PROPERTY_RUNS=3000 PROPERTY_SEED=$RANDOM npx vitest run core/answer/extractive.property.test.ts
 *
 * No assertion here reads the clock (a busy machine must not fail a correct answerer; timing is
 * `npm run bench`'s job). The work is bounded by size instead: every generated document text is
 * cut at MAX_TEXT_CHARS, a case holds at most MAX_PASSAGES of them, questions at LIMITS.questionChars,
 * and the hostile and big inputs below have fixed sizes. A reader that hung or went quadratic on them
 * would not finish at all (1 MB squared) and is stopped by vitest's per-test timeout.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SEED = Number(process.env.PROPERTY_SEED ?? 20_250_304);
/** The size bounds on what a generated case may hand extract(). */
const MAX_TEXT_CHARS = 50_000;
const MAX_PASSAGES = 3;

const answerer = new ExtractiveAnswerer((stem) => (stem === '\u0000' ? 8 : 1 + (stem.length % 5)));

// ---------------------------------------------------------------------------------------------
// Words and inline pieces
// ---------------------------------------------------------------------------------------------

const plainWord = fc.constantFrom(
  'the',
  'committee',
  'met',
  'in',
  'Geneva',
  'on',
  'Tuesday',
  'chaired',
  'by',
  'Maria',
  'Okonkwo',
  'treasurer',
  'delegates',
  'because',
  'due to',
  'the outage',
  'was',
  'caused',
  'disk',
  'space',
  'logs',
  'pruned',
  'backup',
  'configuration',
  'price',
  'costs',
  'plan',
  'per',
  'month',
  'every',
  '12 months',
  'twice a year',
  'weekly',
  'Business',
  'Enterprise',
  'region',
  'us-east-1',
  'INC-2291',
  'kw-02',
  'Dr.',
  'Mr.',
  'U.S.',
  'e.g.',
  'approx.',
  'No.',
  'J.',
  'Linux',
  'macOS',
  'and',
  'or',
  'Windows Server 2019',
  'not',
  'never',
  'only',
  'Arg (Presidential Palace)',
  '(unclosed',
  'closed)',
  '[x',
  'y]',
  '"quoted"',
  '“curly”',
  '—',
  '-',
  'fibre-optic',
  'non-deterministic',
  "don't",
  'CEO',
  'ROOT CAUSE',
  'Sev-2',
  'budget holder',
  'line manager',
  'noon',
  'midnight',
);
const unicodeWord = fc.constantFrom(
  'Jumièges',
  'fiancée',
  'e\u0301te\u0301',
  'Ångström',
  'naïve',
  '北京市',
  '東京の会議',
  '한국어',
  'مرحبا',
  'שלום',
  '😀',
  '👩‍💻',
  '🇨🇭',
  '\u200f',
  '\u200e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  'a\u0000b',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ud800',
  '\udc00',
  'İstanbul',
  'ß',
  'ﬁle',
);
const number = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map(String),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n.toLocaleString('en-US')),
  fc
    .tuple(
      fc.constantFrom('$', '€', '£', '¥', '₹', ''),
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('', ' USD', ' EUR', ' per month', '%', ' GB', 'GHz', ' km', ' days'),
    )
    .map(([c, a, b, u]) => `${c}${a}.${String(b).padStart(2, '0')}${u}`),
  fc.constantFrom(
    '1,200',
    '3.5 million',
    'half a',
    'a dozen',
    '3 hours 40 minutes',
    '1 year and 6 months',
    '99.9%',
    '21°',
    '2BX',
    '3rd',
    'first',
  ),
);
const date = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1000, max: 2099 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom(
    '4 March 2025',
    'Tuesday, 4 March 2025',
    'March 4th, 2025',
    'early May 2024',
    'the 1990s',
    'the 19th century',
    'last week',
    '9 am',
    '5:30 p.m.',
    '17:45 UTC',
    'every Sunday at 03:30 UTC',
    'daily at 02:00',
    'Oct. 3',
  ),
);
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'https://app.example.io/sso/saml/acs.',
    'http://x',
    'https://',
    'https://a.b/c(d)',
    '<https://example.com>',
    'https://example.com/|pipe',
  ),
);
const inlineCode = fc.constantFrom(
  '`kestrelctl rerun <id>`',
  '`CHUNK_SIZE`',
  '`3000`',
  '``a`b``',
  '`unclosed',
  '`./install.sh --force`',
  '**bold**',
  '__under__',
  '*em*',
);
const randomWord = fc.stringMatching(/^[A-Za-z]{1,12}$/);
const anyWord = fc.oneof(
  { weight: 6, arbitrary: plainWord },
  { weight: 3, arbitrary: randomWord },
  { weight: 1, arbitrary: unicodeWord },
  { weight: 1, arbitrary: number },
  { weight: 1, arbitrary: date },
  { weight: 1, arbitrary: url },
  { weight: 1, arbitrary: inlineCode },
);

// ---------------------------------------------------------------------------------------------
// Lines and blocks
// ---------------------------------------------------------------------------------------------

const phrase = (min: number, max: number) =>
  fc.array(anyWord, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const sentence = fc
  .tuple(phrase(1, 25), fc.constantFrom('.', '.', '!', '?', '', ';', ':', '...', '."', '.)'))
  .map(([p, end]) => capitalise(p) + end);
const prose = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((s) => s.join(' '));
/** A paragraph hard-wrapped near a width, as plain text and e-mail are. */
const wrapped = fc
  .tuple(fc.array(sentence, { minLength: 2, maxLength: 8 }), fc.integer({ min: 20, max: 110 }), fc.boolean())
  .map(([ss, width, indent]) => {
    const out: string[] = [];
    let line = '';
    for (const w of ss.join(' ').split(' ')) {
      if (line && line.length + 1 + w.length > width) (out.push(line), (line = ''));
      line = line ? `${line} ${w}` : w;
    }
    out.push(line);
    return out.map((l, i) => (indent && i > 0 ? `    ${l}` : l)).join('\n');
  });
const heading = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), phrase(0, 6)).map(([n, p]) => `${'#'.repeat(n)} ${p}`),
  phrase(1, 4).map((p) => p.toUpperCase()),
  phrase(1, 6).map((p) => `\n${capitalise(p)}\n`),
);
const cell = fc.oneof(phrase(0, 4), number, date, inlineCode, fc.constant(''));
const table = fc
  .tuple(
    fc.integer({ min: 1, max: 5 }),
    fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom('---', ':--:', '--', '-:'),
  )
  .map(([columns, rows, bars, separator, rule]) => {
    const row = (cells: string[]) => (bars ? `| ${cells.join(' | ')} |` : cells.join(' | '));
    const lines = rows.map((r) => row(r.length > 0 ? r : ['']));
    if (separator) lines.splice(1, 0, row(Array.from({ length: columns }, () => rule)));
    return lines.join('\n');
  });
const codeLine = fc.oneof(
  fc.constantFrom(
    '$ sudo pbagent backup --all /var/lib/pb',
    '# restart the service',
    '// comment',
    'PS C:\\> Get-Item .',
    '> npm ci',
    'make. && run',
    'x = [1, 2, 3]',
    '',
    '   ',
  ),
  phrase(0, 8),
);
const fence = fc
  .tuple(
    fc.constantFrom('```', '~~~', '````', '```sh', '~~~ yaml', '  ```'),
    fc.array(codeLine, { maxLength: 8 }),
    fc.constantFrom('close', 'close', 'open', 'other', 'short'),
  )
  .map(([open, body, end]) => {
    const marker = open.trim().slice(0, 3);
    const closing = {
      close: open.trim().replace(/[^`~]/g, ''),
      open: '',
      other: marker === '```' ? '~~~' : '```',
      short: marker.slice(0, 2),
    }[end];
    return [open, ...body, ...(closing ? [closing] : [])].join('\n');
  });
const record = fc.oneof(
  fc
    .array(fc.tuple(phrase(1, 3), cell), { minLength: 1, maxLength: 6 })
    .map((fs) => fs.map(([k, v]) => `${k}: ${v}`).join('; ')),
  fc
    .array(fc.tuple(randomWord, cell), { minLength: 2, maxLength: 4 })
    .map((fs) => fs.map(([k, v]) => `${k}: ${v}`).join('     ')),
  fc.array(cell, { minLength: 2, maxLength: 6 }).map((cs) => cs.map((c) => JSON.stringify(c)).join(',')),
  fc.dictionary(randomWord, cell, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
);
const listItem = fc.tuple(fc.constantFrom('- ', '* ', '• ', '1. ', '2) ', '3.1 '), sentence).map(([m, s]) => m + s);
const because = fc
  .tuple(phrase(2, 8), fc.constantFrom('because', 'because of', 'due to', 'caused by', 'thanks to'), phrase(0, 10))
  .map(([a, c, b]) => `${capitalise(a)} ${c} ${b}.`);
const howTo = fc
  .tuple(phrase(1, 6), fc.constantFrom('```', '~~~'), codeLine)
  .map(([p, f, c]) => `${capitalise(p)}:\n${f}sh\n${c}\n${f}`);
const blank = fc.integer({ min: 1, max: 30 }).map((n) => '\n'.repeat(n));
const longLine = fc.oneof(
  fc.tuple(anyWord, fc.integer({ min: 100, max: 3_000 })).map(([w, n]) => Array.from({ length: n }, () => w).join(' ')),
  fc
    .tuple(fc.constantFrom('a', 'x.', 'aaaa', '-', '|', '.', ':', '9', '😀'), fc.integer({ min: 1_000, max: 20_000 }))
    .map(([c, n]) => c.repeat(n)),
);

const block = fc.oneof(
  { weight: 8, arbitrary: prose },
  { weight: 3, arbitrary: wrapped },
  { weight: 3, arbitrary: heading },
  { weight: 3, arbitrary: table },
  { weight: 3, arbitrary: fence },
  { weight: 3, arbitrary: record },
  { weight: 2, arbitrary: listItem },
  { weight: 2, arbitrary: because },
  { weight: 2, arbitrary: howTo },
  { weight: 3, arbitrary: blank },
  { weight: 1, arbitrary: longLine },
);

/** A document text: blocks separated by line breaks, sometimes CRLF or none at all. */
const documentText = fc
  .tuple(fc.array(block, { minLength: 0, maxLength: 25 }), fc.constantFrom('\n', '\n', '\n\n', ' '), fc.boolean())
  .map(([blocks, sep, crlf]) => {
    const text = blocks.join(sep).slice(0, MAX_TEXT_CHARS);
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

// ---------------------------------------------------------------------------------------------
// Questions
// ---------------------------------------------------------------------------------------------

const TEMPLATES = [
  'Who {0} {1}?',
  'Who is the {0}?',
  'When did {0} {1}?',
  'When was the {0} {1}?',
  'Why did {0} {1}?',
  'Why is the {0} {1}?',
  'How much is the {0} {1}?',
  'How much does {0} cost?',
  'How much {0} is {1}?',
  'How many {0} {1}?',
  'How often does {0} {1}?',
  'How long is the {0}?',
  'Which {0} {1} {2}?',
  'Which {0} is {1}?',
  'What command {0} {1}?',
  'What flag {0}?',
  'What caused the {0}?',
  'What was the cause of {0}?',
  'How do I {0} the {1}?',
  'What is the {0} of {1}?',
  'Where is {0}?',
  'In which city {0}?',
  'What is not {0} {1}?',
  'What type of {0} {1}?',
  'When {0} {1}, what {2}?',
  'What happens when {0}?',
  'What is the price of {0}?',
  'Which operating systems {0} {1}?',
  'WHO IS THE {0}?',
  '1. What {0} {1}?',
  '{0} {1} {2}',
  '{0}?',
];
const EMPTYISH = ['', ' ', '?', '??', '\n', '\u200b', '\u0000', '🙂', 'Who?', 'When', 'why', 'How much is ', '...'];

/** A question from a template filled with words of the text (or random ones), or an empty-ish or very long one. Questions are cut at LIMITS.questionChars at the edge, before they reach an answerer. */
const question = (text: string) => {
  const own = words(text).map((t) => text.slice(t.start, t.end));
  const fill =
    own.length > 0
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: anyWord })
      : anyWord;
  const templated = fc
    .tuple(fc.constantFrom(...TEMPLATES), fill, fill, fill)
    .map(([t, a, b, c]) => t.replace('{0}', a).replace('{1}', b).replace('{2}', c));
  // As long as the protocol lets a question be (LIMITS.questionChars), and made of one word repeated.
  const long = fc
    .tuple(fc.constantFrom('What is ', 'How much is ', 'Who ', 'When did '), fill, fc.integer({ min: 100, max: 5_000 }))
    .map(([q, w, n]) => (q + `${w} `.repeat(n)).slice(0, LIMITS.questionChars - 1) + '?');
  return fc.oneof(
    { weight: 10, arbitrary: templated },
    { weight: 1, arbitrary: fc.constantFrom(...EMPTYISH) },
    { weight: 1, arbitrary: long },
  );
};

// ---------------------------------------------------------------------------------------------
// Passages
// ---------------------------------------------------------------------------------------------

const lineCount = (text: string) => text.split('\n').length;

function passageOf(text: string, i: number, source: string, startLine: number, tableHeading?: string): Passage {
  const chunk: Chunk = {
    id: i,
    source,
    startLine,
    endLine: startLine + lineCount(text) - 1,
    startOffset: 0,
    endOffset: text.length,
    text,
    ...(tableHeading !== undefined && { tableHeading }),
  };
  return { chunk, score: 1 / (1 + i) };
}

interface Case {
  passages: Passage[];
  question: string;
  history?: Turn[];
}

const aCase: fc.Arbitrary<Case> = fc
  .tuple(
    fc.array(
      fc.tuple(
        documentText,
        fc.integer({ min: 1, max: 5_000 }),
        fc.boolean(),
        fc.option(fc.constantFrom('| Setting | Default |', '| a | b | c |', 'x | y')),
      ),
      { minLength: 1, maxLength: MAX_PASSAGES },
    ),
    fc.option(
      fc.constantFrom<Turn[]>(
        [{ question: 'Who chaired the committee?', answer: 'Maria Okonkwo' }],
        [{ question: 'What failed?', answer: NOT_IN_DOCUMENTS }],
      ),
    ),
  )
  .chain(([docs, history]) => {
    // Sometimes two passages of one file: a citation names the file, not the passage.
    const passages = docs.map(([text, start, sameFile, heading], i) =>
      passageOf(text, i, sameFile && i > 0 ? 'docs/a.md' : `docs/${i}.md`, start, heading ?? undefined),
    );
    const all = passages.map((p) => p.chunk.text).join('\n');
    return question(all).map((q) => ({ passages, question: q, ...(history && { history }) }));
  });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/**
 * How extract() forms an answer from its text: the phrase or sentence as cut from the passage, with
 * each run of whitespace holding a line break (and a quoted e-mail's markers after it) read as one space
 * (asOneLine in extract() and fromCause(): a sentence hard-wrapped over lines reads as one line). Applied to the
 * whole quote it reads every such run the same way, so the answer is a substring of the quote so
 * read (the phrases are trimmed, so none starts or ends inside such a run). Table cells, record
 * values and commands come from one line and are not rewritten.
 */
const asAnswered = asOneLine;
/** What the runs came to: a generator that only ever made the answerer abstain would test little. An answer only in a passage, not its first quote, is a table cell or record value of a line the splitter cut into sentences. */
const tally = { abstained: 0, inQuote: 0, inPassageOnly: 0 };

/** The largest case handed to extract(), for the report at the end (its size, not its time). */
let largest = { chars: 0, question: '' };
afterAll(() => console.info(`largest extract of this file: ${largest.chars} characters, "${largest.question}"`));

/** extract() on a case, checking first that the case is within the size bounds the tests promise. */
async function boundedExtract(c: Case): Promise<Extraction> {
  const chars = c.passages.reduce((n, p) => n + p.chunk.text.length, 0);
  expect(c.passages.length).toBeLessThanOrEqual(MAX_PASSAGES);
  expect(chars).toBeLessThanOrEqual(MAX_PASSAGES * MAX_TEXT_CHARS);
  // Generated questions stay within the protocol's limit; the hostile ones may repeat a whole ~50 KB word of their text.
  expect(c.question.length).toBeLessThanOrEqual(Math.max(LIMITS.questionChars, MAX_TEXT_CHARS + 2_000));
  if (chars > largest.chars) largest = { chars, question: c.question.slice(0, 60) };
  return answerer.extract(c.question, c.passages, c.history);
}

function checkExtraction(c: Case, r: Extraction): void {
  expect(typeof r.answer).toBe('string');
  if (r.abstained) tally.abstained++;
  if (r.abstained && !r.closest) {
    expect(r.answer).toBe(NOT_IN_DOCUMENTS);
    expect(r.citations).toEqual([]);
    return;
  }
  expect(r.answer.length).toBeGreaterThan(0);
  expect(r.citations.length).toBeGreaterThan(0);
  checkCitations(c, r);
  // A declined answer showing the closest passage quotes its cited sentence, on one line.
  const said = r.closest ? closestSentence(r.answer) : r.answer;
  // The answer is verbatim (line breaks read as spaces) in its first citation's quote, or at least in a passage (a table cell or record value of the quoted line).
  const found = (text: string) => text.includes(said) || asAnswered(text).includes(said);
  const inQuote = found(r.citations[0]!.quote);
  const inPassage = inQuote || c.passages.some((p) => found(p.chunk.text));
  tally[inQuote ? 'inQuote' : 'inPassageOnly']++;
  expect(inPassage, `answer ${JSON.stringify(r.answer.slice(0, 80))} is in no passage`).toBe(true);
}

function closestSentence(answer: string): string {
  expect(answer.startsWith(`${CLOSEST_PASSAGE} "`) && answer.endsWith('"')).toBe(true);
  return answer.slice(CLOSEST_PASSAGE.length + 2, -1);
}

/** Every quote is a piece of one passage of the cited file, at the lines the citation names. */
function checkCitations(c: Case, r: Extraction): void {
  for (const cite of r.citations) {
    // The quote is a piece of one passage of the cited file, at the lines the citation names.
    const at = c.passages.filter((p) => p.chunk.source === cite.source && p.chunk.text.includes(cite.quote));
    expect(
      at.length,
      `quote ${JSON.stringify(cite.quote.slice(0, 80))} is in no passage of ${cite.source}`,
    ).toBeGreaterThan(0);
    const placed = at.some(({ chunk }) => {
      if (cite.startLine < chunk.startLine || cite.endLine > chunk.endLine || cite.endLine < cite.startLine)
        return false;
      const lines = chunk.text.split('\n').slice(cite.startLine - chunk.startLine, cite.endLine - chunk.startLine + 1);
      return lines.join('\n').includes(cite.quote);
    });
    expect(
      placed,
      `quote ${JSON.stringify(cite.quote.slice(0, 80))} is not at ${cite.source}:${cite.startLine}-${cite.endLine}`,
    ).toBe(true);
  }
}

describe('ExtractiveAnswerer, on generated documents and questions', () => {
  it('never throws, and answers and cites only what the passages say', async () => {
    await fc.assert(
      fc.asyncProperty(aCase, async (c) => {
        checkExtraction(c, await boundedExtract(c));
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The answerer answered some and abstained on some: generated cases reach its answering paths.
    expect(tally.abstained).toBeGreaterThan(0);
    expect(tally.inQuote).toBeGreaterThan(0);
    console.info(
      `extract on generated cases: ${JSON.stringify(tally)}; largest so far ${largest.chars} characters ("${largest.question}")`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Pathological inputs for the regular expressions and readers on the answering path
// ---------------------------------------------------------------------------------------------

/** Runs a reader over an input of a known, fixed size: the size is the bound, not the time it takes. */
function readsToEnd(maxChars: number, input: string, run: () => unknown): void {
  expect(input.length).toBeLessThanOrEqual(maxChars);
  run();
}

/** The big inputs below are at most this long (a few megabytes); the protocol's questions at most LIMITS.questionChars. */
const BIG_CHARS = 1_500_000;

const QUESTIONS = [
  'Who chaired the committee?',
  'When did it start?',
  'How much is the plan?',
  'How often does it run?',
  'Why did it fail?',
  'What caused the outage?',
  'Which setting is the default?',
  'What command runs it?',
  'How do I run it?',
  'What is a?',
];

/** Texts (~50 KB, MAX_TEXT_CHARS) built to make a regex backtrack or a reader go quadratic. */
const HOSTILE: Record<string, string> = {
  'a price question, repeated': 'how much is '.repeat(4_000),
  'a web address of dots': `See https://${'.'.repeat(50_000)} now.`,
  'one line without a space': 'a'.repeat(50_000),
  'digits and dashes without a space': 'a1-'.repeat(17_000),
  'thousands of short lines': Array.from({ length: 10_000 }, (_, i) => `l${i}`).join('\n'),
  'thousands of blank lines': '\n'.repeat(50_000),
  'an unclosed code block of commands': '```sh\n' + '$ run --now\n'.repeat(4_000),
  'fences only': '```\n~~~\n'.repeat(6_000),
  'a table heading over a line of spaces': `| Setting | Default |\n${' '.repeat(50_000)}x\n| PORT | 3000 |`,
  'a table of thousands of rows':
    '| Setting | Default |\n| --- | --- |\n' +
    Array.from({ length: 3_000 }, (_, i) => `| PORT${i % 5} | ${i} |`).join('\n'),
  'bars and spaces': '| a '.repeat(12_000),
  'a log where every line answers alike': Array.from({ length: 4_000 }, (_, i) => `Job ${i % 7} failed.`).join('\n'),
  'abbreviations and initials only': 'Dr. A. '.repeat(7_000),
  'a line whose every stop ends an abbreviation': 'Dr. Maria Okonkwo met Mr. '.repeat(1_900),
  'a schedule line without a full stop': 'every Sunday at 03:30 UTC '.repeat(1_900),
  'a cause of dots': `It failed because ${'. '.repeat(25_000)}x`,
  records: 'key: value; '.repeat(4_000),
  'aligned fields': 'Key: value     '.repeat(3_000),
  'headings in capitals': 'ROOT CAUSE\n\n'.repeat(4_000),
  backticks: '`'.repeat(50_000),
  brackets: '('.repeat(25_000) + ')'.repeat(25_000),
  'punctuation runs': `The price is $5${' ,'.repeat(25_000)} x`,
  'zero-width, RTL marks and NUL': '\u200b\u200f\u0000word '.repeat(6_000),
  'lone surrogates and emoji': '\ud800😀'.repeat(16_000),
  'CRLF lines': 'Line.\r\n'.repeat(7_000),
  'outline numbers': '1.1.1.1. '.repeat(5_000),
};

describe('ExtractiveAnswerer, on hostile texts of ~50 KB', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`answers questions about ${name}, citing only what is there`, async () => {
      const passages = [passageOf(text, 0, 'docs/hostile.txt', 1)];
      // Questions in the text's own words too: they get past the coverage check to the phrase search.
      const [a = 'a', b = 'b'] = [...new Set(words(text).map((t) => text.slice(t.start, t.end)))];
      const own = [
        `Who ${a} ${b}?`,
        `When did ${a} ${b}?`,
        `How much is ${a}?`,
        `Why ${a} ${b}?`,
        `Which ${a} ${b}?`,
        `What command ${a}?`,
      ];
      for (const question of [...QUESTIONS, ...own])
        checkExtraction({ passages, question }, await boundedExtract({ passages, question }));
    });
  }
});

describe('the readers on the answering path, on inputs that could make their patterns backtrack', () => {
  const big: Record<string, string> = {
    '100,000 price questions': 'how much is '.repeat(100_000),
    'https:// and 50,000 dots': `https://${'.'.repeat(50_000)}`,
    'a 1 MB line without a space': 'a'.repeat(1_000_000),
    '200,000 short lines': Array.from({ length: 200_000 }, (_, i) => `l${i}`).join('\n'),
    '100,000 spaces then a letter': `${' '.repeat(100_000)}x`,
    '100,000 record fields': 'key: value; '.repeat(100_000),
    '100,000 fences': '```\n'.repeat(100_000),
    '100,000 causes': 'because '.repeat(100_000),
    '100,000 bars': '| a '.repeat(100_000),
    '100,000 colons': ': '.repeat(100_000),
  };
  for (const [name, text] of Object.entries(big)) {
    it(`reads ${name} to the end`, async () => {
      const { fencedLines, commandIn } = await import('../text/fences.js');
      const { isHeading } = await import('../text/headings.js');
      const { recordFields } = await import('../text/records.js');
      const { isSeparator, isTableLine, tableHeadings } = await import('../text/tables.js');
      const { statedCause, asksWhy } = await import('./causes.js');
      const { balanced, candidates } = await import('./candidates.js');
      const lines = text.split('\n');
      readsToEnd(BIG_CHARS, text, () => fencedLines(text));
      readsToEnd(BIG_CHARS, text, () => lines.forEach((l) => commandIn(l)));
      readsToEnd(BIG_CHARS, text, () => lines.forEach((_, i) => isHeading(lines, i)));
      readsToEnd(BIG_CHARS, text, () => lines.forEach((l) => recordFields(l)));
      readsToEnd(BIG_CHARS, text, () => lines.forEach((l) => (isTableLine(l), isSeparator(l))));
      readsToEnd(BIG_CHARS, text, () => tableHeadings(text));
      readsToEnd(BIG_CHARS, text, () => (asksWhy(text), statedCause(text)));
      readsToEnd(BIG_CHARS, text, () => balanced(text, 0, text.length));
      // A sentence is at most one of the sentence splitter's windows long (2,000 characters); tagging is superlinear in it.
      readsToEnd(2_000, text.slice(0, 2_000), () => candidates(text.slice(0, 2_000)));
    });
  }

  it('reads the longest question the protocol lets through, made of patterns that backtrack', async () => {
    const { answerType, focusWord } = await import('./question-type.js');
    const { asksForSeveral } = await import('./spans.js');
    const { asksWhy } = await import('./causes.js');
    const fill = (unit: string) =>
      unit.repeat(Math.ceil(LIMITS.questionChars / unit.length)).slice(0, LIMITS.questionChars);
    for (const question of [
      fill('how much is '),
      fill('How much does it cost '),
      fill('what '),
      fill('which '),
      fill('when a, '),
      fill('Who '),
      fill('a'),
      fill('1.'),
      fill('\u200b'),
    ]) {
      readsToEnd(
        LIMITS.questionChars,
        question,
        () => (answerType(question), focusWord(question), asksForSeveral(question), asksWhy(question)),
      );
    }
  });
});
