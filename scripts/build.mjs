#!/usr/bin/env node
/**
 * Build what `npm start` and the CLIs run, each part only when its sources changed since it was last
 * built (a start with nothing changed checks file dates and sizes, a few milliseconds):
 *   - the server, ingest and eval code: TypeScript compiled by tsc into dist/ (incremental), with the
 *     model files (*.json next to the code, e.g. core/answer/passage-ranker.json, and model/ folders) copied beside it;
 *   - the chat page: client/src bundled by esbuild into client/dist/ (client/build.ts).
 *
 *   node scripts/build.mjs            build what is out of date (npm install runs this as `prepare`)
 *   node scripts/build.mjs --force    build everything again
 *
 * Type errors do not stop the build (tsc still writes the JavaScript; `npm run typecheck` and CI are
 * where they fail). The tests do not need dist/: vitest runs the TypeScript sources directly.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const DIST = path.join(ROOT, 'dist');

/** What tsc compiles (see tsconfig.build.json) and what decides whether it must run again. */
const CODE = [
  'core',
  'ingest',
  'server',
  'evals',
  'client/build.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];
/** The chat page's sources. */
const PAGE = ['client/src', 'client/styles.css', 'client/index.html', 'client/build.ts', 'package-lock.json'];
/** Folders never read for either: data, outputs and dependencies. */
const SKIP = new Set(['node_modules', 'dist', 'sets', '.train', '__pycache__']);

const CODE_STAMP = path.join(DIST, '.build-stamp');
const PAGE_STAMP = path.join(ROOT, 'client/dist/.build-stamp');
const LOCK = path.join(DIST, '.build-lock');

/** Every file under `entries` (relative to ROOT), skipping tests and data folders. */
function filesUnder(entries) {
  const out = [];
  const visit = (rel) => {
    let stat;
    try {
      stat = statSync(path.join(ROOT, rel));
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path.join(ROOT, rel)).sort()) if (!SKIP.has(name)) visit(path.join(rel, name));
    } else if (!/\.test\.tsx?$/.test(rel)) out.push({ rel, stat });
  };
  for (const entry of entries) visit(entry);
  return out;
}

/** A fingerprint of the files' names, sizes and modification times. */
function fingerprint(files) {
  const hash = createHash('sha256');
  for (const { rel, stat } of files) hash.update(`${rel}\0${stat.size}\0${stat.mtimeMs}\n`);
  return hash.digest('hex');
}

const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** Take the build lock (another start or CLI may be building at the same moment); returns its release. */
async function lock() {
  mkdirSync(DIST, { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // A lock whose builder is gone (a build stopped with Ctrl-C) is taken over at once; a live
      // builder is waited for, up to two minutes (a build takes well under one).
      if (!builderAlive() || waited > 120_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function builderAlive() {
  const pid = Number(read(path.join(LOCK, 'pid')));
  // No pid yet: the builder has just made the lock and is writing it.
  if (!pid) return Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 5_000;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function compile(force, log) {
  if (force) rmSync(path.join(DIST, '.tsbuildinfo'), { force: true });
  log('compiling TypeScript to dist/ (sources changed since the last build)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    if (!existsSync(path.join(DIST, 'server/main.js'))) throw new Error('tsc failed and wrote no JavaScript');
    log('(the type errors above did not stop the build; `npm run typecheck` lists them)');
  }
  // Model files and other JSON read next to the code at run time (a model/ folder holds binary ones).
  for (const { rel } of filesUnder(['core', 'ingest', 'server', 'evals'])) {
    if (!rel.endsWith('.json') && !rel.split(path.sep).includes('model')) continue;
    mkdirSync(path.dirname(path.join(DIST, rel)), { recursive: true });
    copyFileSync(path.join(ROOT, rel), path.join(DIST, rel));
  }
}

async function bundlePage(log) {
  const { buildClient } = await import(pathToFileURL(path.join(DIST, 'client/build.js')).href);
  const { ms } = await buildClient();
  log(`built the chat page (client/dist/) in ${Math.round(ms)} ms`);
}

/**
 * Bring dist/ (and, with `page`, client/dist/) up to date with the sources. Returns what was rebuilt.
 * @param {{ page?: boolean, force?: boolean, log?: (line: string) => void }} options
 */
export async function ensureBuilt({ page = false, force = false, log = (line) => console.error(line) } = {}) {
  const codePrint = fingerprint(filesUnder(CODE));
  const pagePrint = page ? fingerprint(filesUnder(PAGE)) : '';
  const codeStale = force || read(CODE_STAMP) !== codePrint || !existsSync(path.join(DIST, 'server/main.js'));
  const pageStale =
    page && (force || read(PAGE_STAMP) !== pagePrint || !existsSync(path.join(ROOT, 'client/dist/main.js')));
  if (!codeStale && !pageStale) return { code: false, page: false };
  const release = await lock();
  try {
    // Someone else may have built while this waited for the lock.
    const codeNow = force || read(CODE_STAMP) !== codePrint || !existsSync(path.join(DIST, 'server/main.js'));
    if (codeNow) {
      compile(force, log);
      writeFileSync(CODE_STAMP, codePrint);
    }
    const pageNow =
      page && (force || read(PAGE_STAMP) !== pagePrint || !existsSync(path.join(ROOT, 'client/dist/main.js')));
    if (pageNow) {
      await bundlePage(log);
      writeFileSync(PAGE_STAMP, pagePrint);
    }
    return { code: codeNow, page: pageNow };
  } finally {
    release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const force = process.argv.includes('--force');
  ensureBuilt({ page: true, force, log: (line) => console.log(line) })
    .then(({ code, page }) => {
      if (!code && !page) console.log('dist/ and client/dist/ are up to date');
    })
    .catch((err) => {
      console.error(`build failed: ${err.message}`);
      process.exit(1);
    });
}
