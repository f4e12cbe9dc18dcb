const UNITS = [
  ['GiB', 1024 ** 3],
  ['MiB', 1024 ** 2],
  ['KiB', 1024],
] as const;

/**
 * A size as people read it, for limits named in error messages. Rounded down to one decimal, so a
 * refused body is never told the limit is higher than the size it was refused at.
 */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of UNITS) if (bytes >= size) return `${Math.floor((bytes / size) * 10) / 10} ${unit}`;
  return `${bytes} bytes`;
}
