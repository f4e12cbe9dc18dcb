import type { ClientFrame } from '../../core/protocol.js';

/** Where the API key this browser was given is kept (only needed when the server runs with API_KEY). */
const KEY = 'docqa.apiKey.v1';

/** Used only when localStorage is unavailable (private modes, disabled storage), so the key still works until reload. */
let memory: string | undefined;

export function loadApiKey(): string | undefined {
  try {
    return localStorage.getItem(KEY) || undefined;
  } catch {
    return memory;
  }
}

export function saveApiKey(key: string): void {
  memory = key;
  try {
    localStorage.setItem(KEY, key);
  } catch {
    /* storage unavailable: kept in memory for this page only */
  }
}

export function forgetApiKey(): void {
  memory = undefined;
  try {
    localStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: nothing stored */
  }
}

/**
 * The first WebSocket frame when a key is stored: `{ type: 'auth', apiKey }`. Chosen over `?api_key=`
 * because (1) the key stays out of URLs, which proxies and access logs record, and (2) a wrong key in the
 * query is refused at the upgrade with HTTP 401, which a browser's WebSocket reports only as a failed
 * connection (close code 1006, the same as "server down"), so the page could not tell a refused key from
 * an outage and would keep reconnecting. A wrong key in the auth frame gets an `unauthorized` error frame
 * and a 1008 close, which the page can act on. (Browsers cannot set an Authorization header on a WebSocket.)
 */
export function authFrame(): ClientFrame | undefined {
  const apiKey = loadApiKey();
  return apiKey ? { type: 'auth', apiKey } : undefined;
}
