/**
 * A fetch bound to one question's signal, for clients that check their abort signal only between
 * streamed chunks: aborting the question then closes the HTTP request at once, even mid-wait.
 */
export function fetchWithSignal(signal: AbortSignal | undefined): typeof fetch {
  return (input, init) => {
    const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
    return fetch(input, { ...init, ...(signals.length > 0 && { signal: AbortSignal.any(signals) }) });
  };
}

/** Normalised for the embedder spec, so `http://host/v1/` and `http://host/v1` are the same index. */
export function normaliseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
