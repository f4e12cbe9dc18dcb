/**
 * Routes and their methods, keyed by Express-style path (`:name` matches one segment). Each router
 * exports the table of what it declares (a unit test holds the two together); the app merges them
 * into the table for 405 answers with `Allow` and for route labels in the metrics.
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

/** A router's table as the app sees it with the router mounted at `prefix`. */
export function mountedAt(prefix: string, table: RouteTable): RouteTable {
  return Object.fromEntries(Object.entries(table).map(([path, methods]) => [prefix + path, methods]));
}

/** Several routers' tables as one; a path more than one router serves gets all their methods, in order. */
export function mergeRoutes(...tables: RouteTable[]): RouteTable {
  const merged: Record<string, string[]> = {};
  for (const table of tables) for (const [path, methods] of Object.entries(table)) (merged[path] ??= []).push(...methods);
  return merged;
}
