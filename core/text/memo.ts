/**
 * Remembers the results of a pure function of a string, the most recently used `capacity` of them.
 * Questions about one document keep meeting the same sentences; analysing each once is what makes
 * the second question fast.
 */
export function memoByText<T>(fn: (text: string) => T, capacity: number): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) {
      // Re-inserting moves the entry to the back, so the front is always the least recently used.
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const value = fn(text);
    cache.set(text, value);
    if (cache.size > capacity) cache.delete(cache.keys().next().value!);
    return value;
  };
}
