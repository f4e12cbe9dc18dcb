import type { Server } from 'node:http';
import type { WebSocketServer } from 'ws';
import type { AppServices } from './services.js';

/** How long in-flight answers may take to finish before connections are cut anyway. */
const DRAIN_MS = 10_000;
/** How long WebSocket peers get to answer the close frame. */
const CLOSE_MS = 2_000;

/**
 * Graceful stop: refuse new connections and questions, let answers in flight finish, then close
 * WebSockets with 1001 (going away) and end the remaining HTTP connections.
 */
export async function shutDown(server: Server, wss: WebSocketServer, { drain, log }: AppServices): Promise<void> {
  drain.start();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const finished = await drain.idle(DRAIN_MS);
  if (!finished) log.warn({ inFlight: drain.inFlight }, 'shutting down with answers still in flight');
  // Let responses written by the last answers flush before any socket is cut.
  await new Promise((resolve) => setImmediate(resolve));
  for (const client of wss.clients) client.close(1001, 'server shutting down');
  await Promise.race([
    Promise.all([...wss.clients].map((c) => new Promise((resolve) => c.once('close', resolve)))),
    delay(CLOSE_MS),
  ]);
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.closeIdleConnections();
  await Promise.race([closed, delay(CLOSE_MS)]);
  server.closeAllConnections();
  await closed;
  log.info('server stopped');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
