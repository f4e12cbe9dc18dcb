/**
 * An error met reading the documents folder, in a person's words: "no such folder: <dir>" rather
 * than "ENOENT: no such file or directory, realpath '<dir>'". Anything else keeps its own message.
 */
export function describeFolderError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return `no such folder: ${e.path}`;
  if (e?.code === 'ENOTDIR') return `not a folder: ${e.path}`;
  return e instanceof Error ? e.message : String(err);
}
