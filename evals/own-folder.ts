import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Hidden, so ingest skips it; its presence says the folder is ours to replace. */
const MARK = '.docqa-squad';

/** Empty (or create) a folder this tool made earlier; refuse any other non-empty folder. */
export async function replaceOwnFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => undefined);
  if (entries && entries.length > 0 && !entries.includes(MARK)) {
    throw new Error(`${dir} exists and was not made by --squad; choose another --out`);
  }
  await rm(dir, { recursive: true, force: true });
}

export async function markOwnFolder(dir: string): Promise<void> {
  await writeFile(path.join(dir, MARK), 'made by npm run eval -- --squad; replaced on every run\n');
}
