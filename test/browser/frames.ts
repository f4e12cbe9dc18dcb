/**
 * A WebSocket seam for browser tests: the page still talks to the real server, but the test sees
 * every frame the page sends and decides when the server's frames reach the page.
 */
import type { Page, WebSocketRoute } from 'playwright-core';

export interface Relay {
  /** Frames the page sent, parsed. */
  sent: Array<Record<string, unknown>>;
  /** Server frames held back so far. */
  held: string[];
  /** Deliver the first server frame `when` accepts, then hold back every later one in `held`. */
  holdAfter(when: (frame: Record<string, unknown>) => boolean): void;
  /** Deliver the queued frames and stop holding. */
  release(): void;
  /** Send a frame to the page as if from the server. */
  inject(frame: object): void;
  /** Do not forward the page's frames to the server (the test answers instead). */
  detach(): void;
}

export async function relay(page: Page): Promise<Relay> {
  let route: WebSocketRoute | undefined;
  let holding: ((frame: Record<string, unknown>) => boolean) | undefined;
  let held = false;
  let forward = true;
  const state: Relay = {
    sent: [],
    held: [],
    holdAfter(when) {
      holding = when;
    },
    release() {
      holding = undefined;
      held = false;
      for (const message of state.held.splice(0)) route?.send(message);
    },
    inject(frame) {
      route?.send(JSON.stringify(frame));
    },
    detach() {
      forward = false;
    },
  };
  await page.routeWebSocket(/\/ws$/, (ws) => {
    route = ws;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      state.sent.push(JSON.parse(String(message)) as Record<string, unknown>);
      if (forward) server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as Record<string, unknown>;
      if (held) return void state.held.push(String(message));
      ws.send(message);
      if (holding?.(frame)) held = true;
    });
  });
  return state;
}
