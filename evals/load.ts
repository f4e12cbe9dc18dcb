/**
 * A small HTTP load generator for the bench: `connections` keep-alive sockets, each sending its next
 * request as soon as the previous response has fully arrived (closed loop, like autocannon), for
 * `seconds`. Raw sockets and a minimal response parser, so the generator's own cost stays small
 * beside the server's; it runs the same way against the baseline and the project.
 */
import net from 'node:net';

export interface LoadResult {
  requests: number;
  /** Responses whose status was not 2xx. */
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

export interface LoadOptions {
  port: number;
  path: string;
  /** One JSON body per request, taken in turn. */
  bodies: string[];
  connections: number;
  seconds: number;
}

function request(path: string, body: string): Buffer {
  const bytes = Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`,
    ),
    bytes,
  ]);
}

/** Bytes of one whole response at the start of `buffer` (Content-Length or chunked), or 0 if it has not all arrived. */
function responseLength(buffer: Buffer): number {
  const head = buffer.indexOf('\r\n\r\n');
  if (head < 0) return 0;
  const headers = buffer.subarray(0, head).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(headers);
  if (length) {
    const total = head + 4 + Number(length[1]);
    return buffer.length >= total ? total : 0;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(headers)) {
    const end = buffer.indexOf('\r\n0\r\n\r\n', head);
    return end < 0 ? 0 : end + 7;
  }
  return head + 4;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const requests = options.bodies.map((b) => request(options.path, b));
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  const connection = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect(options.port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer = Buffer.alloc(0);
      let sent = 0;
      const send = () => {
        if (performance.now() >= until) return void socket.end(resolve);
        sent = performance.now();
        socket.write(requests[next++ % requests.length]!);
      };
      socket.on('connect', send);
      socket.on('error', reject);
      socket.on('data', (data) => {
        buffer = buffer.length ? Buffer.concat([buffer, data]) : data;
        for (let length = responseLength(buffer); length > 0; length = responseLength(buffer)) {
          const status = Number(buffer.subarray(9, 12).toString('latin1'));
          if (status < 200 || status > 299) errors += 1;
          latencies.push(performance.now() - sent);
          buffer = buffer.subarray(length);
          send();
        }
      });
    });
  await Promise.all(Array.from({ length: options.connections }, connection));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
  };
}
