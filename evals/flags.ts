import { EVAL_SETTINGS, readSettingFlags, settingsHelp } from '../core/setting-flags.js';
import { USAGE } from './options.js';

/** The settings `npm run eval` takes as flags; its --docs-dir and --index-dir are its own --docs and --index. */
const SETTINGS = EVAL_SETTINGS.filter((n) => n !== 'DOCS_DIR' && n !== 'INDEX_DIR');

export const EVAL_HELP = `${USAGE}

  --docs-dir <dir> (or --docs)    another documents folder, indexed under --out unless --index-dir is given
  --index-dir <dir> (or --index)  the index to use or build for it (default: DOCS_DIR's INDEX_DIR)

${settingsHelp(SETTINGS)}`;

/**
 * Take the setting flags (--answer-mode llm, --retrieval-k 8, ...) out of the eval's arguments into
 * process.env, where loadConfig reads them (a flag wins over the variable), and name --docs-dir and
 * --index-dir as the eval's own --docs and --index. Undefined after printing --help.
 */
export function evalArgv(argv: string[]): string[] | undefined {
  const flags = readSettingFlags(argv, SETTINGS);
  if (flags.help) return void console.log(EVAL_HELP);
  Object.assign(process.env, flags.env);
  return flags.rest.map((a) => a.replace(/^--docs-dir(?==|$)/, '--docs').replace(/^--index-dir(?==|$)/, '--index'));
}
