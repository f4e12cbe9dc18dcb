/**
 * The API's routes and their methods, keyed by Express-style path (`:name` matches one segment):
 * for 405 answers with `Allow`, and route labels in the metrics.
 */
export type RouteTable = Readonly<Record<string, readonly string[]>>;

/**
 * The table key a request path falls under, or undefined. Exact paths win over patterns, so a
 * fixed route is never shadowed by a parameterised neighbour.
 */
export function matchRoute(paths: Iterable<string>, path: string): string | undefined {
  const all = [...paths];
  if (all.includes(path)) return path;
  const segments = path.split('/');
  return all.find((pattern) => {
    const parts = pattern.split('/');
    return parts.length === segments.length && parts.every((part, i) => (part.startsWith(':') ? segments[i] !== '' : part === segments[i]));
  });
}
