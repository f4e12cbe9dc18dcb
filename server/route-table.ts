/**
 * Routes and their methods, keyed by Express-style path (`:name` matches one segment). Each router
 * exports the table of what it declares (a unit test holds the two together); the app merges the
 * tables of the routers it mounts into the table for 405 answers with `Allow` and for route labels
 * in the metrics.
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
    return (
      parts.length === segments.length &&
      parts.every((part, i) => (part.startsWith(':') ? segments[i] !== '' : part === segments[i]))
    );
  });
}

/** A router's table as the app sees it with the router mounted at `prefix` (`/` for the root). */
export function mountedAt(prefix: string, table: RouteTable): RouteTable {
  // Table paths start with a slash of their own.
  const base = prefix.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(table).map(([path, methods]) => [base + path, methods]));
}

/**
 * The table of what the app serves, from the routers it mounted: a router left unmounted (uploads
 * off) adds nothing, so its methods are never offered in `Allow`.
 */
export function servedRoutes(mounts: readonly { at: string; routes: RouteTable }[]): RouteTable {
  return mergeRoutes(...mounts.map(({ at, routes }) => mountedAt(at, routes)));
}

/** Several routers' tables as one; a path more than one router serves gets all their methods, in order. */
export function mergeRoutes(...tables: RouteTable[]): RouteTable {
  const merged: Record<string, string[]> = {};
  for (const table of tables)
    for (const [path, methods] of Object.entries(table)) (merged[path] ??= []).push(...methods);
  return merged;
}
