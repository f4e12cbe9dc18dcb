/**
 * The server's own overhead for `npm run bench`: POST /api/ask at `connections` connections on the
 * default corpus (its evaluation questions in turn), against a bare Express 5 route returning fixed
 * JSON in the same run, each in a process of its own, driven by the same load generator
 * (evals/load.ts). The project runs as `npm start` does (compiled, pino logging at info to a
 * discarded stdout, metrics, every ask kept as a conversation turn), with RATE_LIMIT_RPM=0 so the load
 * is not refused as one client; once more with `store: false`, to show what keeping the turns costs.
 * Each project server answers every question once before anything is timed (its answer cache filled,
 * the reader loaded), and the WORKERS=1 server's resident memory is read then and after the runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROOT } from '../core/paths.js';
import { medianOf, type BenchRow } from './bench-table.js';
import { runLoad, type LoadResult } from './load.js';

export interface ServeBenchOptions {
  root: string;
  runs: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

const BARE_EXPRESS = `
import express from 'express';
const app = express();
app.use(express.json());
const answer = { answer: 'Mullah Mohammad Hassan Akhund', abstained: false, citations: [], passages: [] };
app.post('/api/ask', (req, res) => res.json(answer));
const server = app.listen(0, '127.0.0.1', () => console.log('port ' + server.address().port));
`;

interface Started {
  child: ChildProcess;
  port: number;
}

/** Start a child and wait for the port it prints. */
function start(args: string[], env: Record<string, string>, portLine: RegExp): Promise<Started> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = portLine.exec(out);
      if (!m) return;
      // From now on stdout (the request log) is read and dropped, as a log shipper would.
      child.stdout!.off('data', onData).resume();
      resolve({ child, port: Number(m[1]) });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out.slice(-500)}`)));
  });
}

async function stop({ child }: Started): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A process's resident memory in MiB (Linux: /proc), or undefined where it cannot be read. */
function rssMiB(pid: number | undefined): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** Every question asked once, one at a time: answers cached and the reader loaded before anything is timed. */
async function prime(server: Started, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.arrayBuffer();
  }
}

async function questions(): Promise<string[]> {
  const lines = (await readFile(path.join(ROOT, 'evals/sets/corpus.jsonl'), 'utf8')).split('\n').filter(Boolean);
  return lines.map((l) => JSON.stringify({ question: (JSON.parse(l) as { question: string }).question }));
}

export async function benchServe(o: ServeBenchOptions): Promise<BenchRow[]> {
  const docs = path.join(o.root, 'serve-docs');
  await cp(path.join(ROOT, 'corpus'), docs, { recursive: true });
  const bodies = await questions();
  const project = (workers: string) =>
    start(
      [path.join(ROOT, 'dist/server/main.js')],
      {
        PORT: '0',
        HOST: '127.0.0.1',
        WORKERS: workers,
        RATE_LIMIT_RPM: '0',
        DOCS_DIR: docs,
        INDEX_DIR: path.join(o.root, `serve-index-${workers}`),
        DATA_DIR: path.join(o.root, `serve-data-${workers}`),
      },
      /on http:\/\/localhost:(\d+)/,
    );
  const bare = () => start(['--input-type=module', '-e', BARE_EXPRESS], {}, /port (\d+)/);
  // The same questions asked with store: false (answered, not kept as conversation turns): what storing costs.
  const unstored = bodies.map((b) => JSON.stringify({ ...(JSON.parse(b) as object), store: false }));
  const load = async (server: Started, warm = 1, asked = bodies): Promise<LoadResult> => {
    const options = { port: server.port, path: '/api/ask', bodies: asked, connections: o.connections };
    await runLoad({ ...options, seconds: warm });
    return runLoad({ ...options, seconds: o.seconds });
  };
  const results: Record<string, LoadResult[]> = { bare: [], one: [], auto: [], unstored: [], unstoredAuto: [] };
  const servers = { bare: await bare(), one: await project('1'), auto: await project('auto') };
  let rssPrimed: number | undefined;
  let rssLoaded: number | undefined;
  try {
    for (const server of [servers.one, servers.auto]) await prime(server, bodies);
    // WORKERS=1 is one process; the start-up folder check's ingest thread has gone (kept only with WATCH=1).
    rssPrimed = rssMiB(servers.one.child.pid);
    // Interleaved, so a burst of other work on the machine falls on every side alike.
    await medianOf(o.runs, async (run) => {
      for (const side of ['bare', 'one', 'auto', 'unstored', 'unstoredAuto'] as const) {
        const r =
          side === 'unstored'
            ? await load(servers.one, 1, unstored)
            : side === 'unstoredAuto'
              ? await load(servers.auto, 1, unstored)
              : await load(servers[side]);
        results[side]!.push(r);
        o.log(
          `  ${side} ${run + 1}/${o.runs}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`,
        );
      }
      return 0;
    });
    rssLoaded = rssMiB(servers.one.child.pid);
  } finally {
    await Promise.all(Object.values(servers).map(stop));
  }
  const median = (side: string, key: 'rps' | 'p99') => {
    const xs = results[side]!.map((r) => r[key]).sort((a, b) => a - b);
    return xs[Math.floor((xs.length - 1) / 2)]!;
  };
  const base = { name: 'bare Express 5 route', value: median('bare', 'rps') };
  const memory = (name: string, value: number | undefined, target?: string): BenchRow[] =>
    value === undefined ? [] : [{ name, value, unit: 'MiB', ...(target ? { target } : {}) }];
  return [
    ...memory('server RSS, default corpus, WORKERS=1, every question answered once', rssPrimed),
    ...memory('server RSS, default corpus, WORKERS=1, after the load runs', rssLoaded, '< 200 MiB'),
    {
      name: `/api/ask, ${o.connections} connections, WORKERS=auto`,
      value: median('auto', 'rps'),
      unit: 'req/s',
      baseline: base,
      target: '≥ 0.5×',
      runs: o.runs,
    },
    {
      name: `/api/ask, ${o.connections} connections, WORKERS=1`,
      value: median('one', 'rps'),
      unit: 'req/s',
      baseline: base,
      runs: o.runs,
    },
    {
      name: `/api/ask with store: false, WORKERS=1 (no conversation turn written)`,
      value: median('unstored', 'rps'),
      unit: 'req/s',
      baseline: base,
      runs: o.runs,
    },
    {
      name: `/api/ask with store: false, WORKERS=auto`,
      value: median('unstoredAuto', 'rps'),
      unit: 'req/s',
      baseline: base,
      runs: o.runs,
    },
    {
      name: '/api/ask p99 with store: false, WORKERS=auto',
      value: median('unstoredAuto', 'p99'),
      unit: 'ms',
      baseline: { name: 'bare Express', value: median('bare', 'p99') },
      runs: o.runs,
    },
    {
      name: '/api/ask p99, WORKERS=auto',
      value: median('auto', 'p99'),
      unit: 'ms',
      baseline: { name: 'bare Express', value: median('bare', 'p99') },
      target: '< 50 ms',
      runs: o.runs,
    },
    {
      name: '/api/ask p99, WORKERS=1',
      value: median('one', 'p99'),
      unit: 'ms',
      baseline: { name: 'bare Express', value: median('bare', 'p99') },
      runs: o.runs,
    },
  ];
}
