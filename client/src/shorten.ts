/**
 * A name cut in the middle to at most `max` characters, keeping its start and its end (a file's
 * extension, the distinctive tail of a generated name): `000_60de2d1…9a020e.txt`, not `000_60de2d17179a…`.
 * Text with spaces is cut between words where that loses little: `Taliban Prime … Afghan Migrants`.
 */
export function shortenMiddle(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const keep = max - 1;
  const tailLength = Math.floor(keep / 2);
  const head = chars.slice(0, keep - tailLength).join('');
  const tail = chars.slice(chars.length - tailLength).join('');
  const headSpace = head.lastIndexOf(' ');
  const tailSpace = tail.indexOf(' ');
  if (headSpace > head.length * 0.6 && tailSpace >= 0 && tailSpace < tail.length * 0.4)
    return `${head.slice(0, headSpace)} … ${tail.slice(tailSpace + 1)}`;
  return `${head.trimEnd()}…${tail.trimStart()}`;
}
