/** Texts the tokenised ingest path is compared on with the string functions it replaces (word-tokens.test.ts, hashed-features.test.ts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';

/** Awkward cases: accents, apostrophes, hyphens, numbers, days, scripts without case, surrogate pairs. */
export const AWKWARD = [
  '',
  '   ',
  'The café in Jumièges isn’t open Mon-Fri; it’s open Sat–Sun and on Tuesdays till 5.30 p.m.',
  "Don't re-run the check-in e-mail job: fibre-optic cables cost £15.00, or 4,300 USD (version 2.0).",
  'Straße ÉCOLE naïve fiancée Ångström 東京 Москва 𝒜𝒷𝒸 🙂 emoji-laden co-op',
  'config repo info admin auth app dir db env prod max stats msg qty dept mgr approx configs repos',
  "Monday to Friday, weekday weekend Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun sat down O'Neill's",
  'a-b-c x--y 3.5.6 1,000,000 -- ... 12th 1990s state-of-the-art well-known in-depth',
  "cafe\u0301 e\u0301cole हिन्दी العربية ٣٤٥ rock'n'roll 'quoted' trailing. a.b.c. x- -y ,lead end,",
  '\ud800lone high \udc00lone low \ud835\udc9c\ud835\udc9d astral 𝟙𝟚 \u200dzwj\u200d wo\u00adrd ǅemal Ⅻ ½ ²',
  'ＦＵＬＬ-ｗｉｄｔｈ ﬁﬂ ligatures İstanbul ß ΣΑΣ ç̧ e\u0301\u0301x 1.2.3-beta.4 U.S.A. ’twas it’s',
];

/**
 * Texts to compare on: the awkward cases, the repository's documents and eval sets cut in paragraphs,
 * and the SQuAD 2.0 dev paragraphs when ../shared/benchmarks holds them (the bench's corpus is made from those).
 */
export function sampleTexts(): string[] {
  const out = [...AWKWARD];
  const add = (file: string) => out.push(...readFileSync(file, 'utf8').split(/\n\s*\n/));
  for (const f of readdirSync(path.join(ROOT, 'docs'))) if (f.endsWith('.md')) add(path.join(ROOT, 'docs', f));
  const sets = path.join(ROOT, 'evals/sets');
  for (const set of readdirSync(sets, { withFileTypes: true })) {
    if (!set.isDirectory()) continue;
    const dir = path.join(sets, set.name, 'docs');
    for (const f of readdirSync(dir, { recursive: true }) as string[])
      if (/\.(md|txt|csv)$/.test(f)) add(path.join(dir, f));
  }
  const squad = path.resolve(ROOT, '../shared/benchmarks/squad-v2/dev-20-articles.json');
  if (existsSync(squad)) {
    const json = JSON.parse(readFileSync(squad, 'utf8')) as { data: { paragraphs: { context: string }[] }[] };
    for (const article of json.data) for (const p of article.paragraphs) out.push(p.context);
  }
  return out;
}
