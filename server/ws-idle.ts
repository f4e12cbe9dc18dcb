import type { WebSocket } from 'ws';

/**
 * Closes a connection that delivers nothing whole for `timeoutMs`: no complete frame and no pong.
 * The server pings at half the timeout, so a live client (a browser answers pings itself, even in a
 * background tab) never times out however long it only reads. A client stuck halfway through a frame
 * (or trickling one byte at a time) completes nothing, since ws emits 'message' and 'pong' only for
 * whole frames, and is cut off; so is a peer that vanished without closing.
 */
export function closeWhenIdle(socket: WebSocket, timeoutMs: number): void {
  let last = Date.now();
  const seen = () => void (last = Date.now());
  socket.on('message', seen);
  socket.on('pong', seen);
  const timer = setInterval(
    () => {
      if (Date.now() - last >= timeoutMs) {
        // Decided after the loop's I/O phase: when the process was busy, a pong may be waiting unread
        // behind this timer, and a live client must not be cut off for the server's own delay.
        // terminate, not close: a peer that sends nothing would not answer a close handshake either.
        setImmediate(() => Date.now() - last >= timeoutMs && socket.terminate());
        return;
      }
      if (socket.readyState === socket.OPEN) socket.ping();
    },
    Math.max(50, Math.floor(timeoutMs / 2)),
  );
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}
