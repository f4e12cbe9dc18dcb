/**
 * Build the chat page: bundle client/src with esbuild and write client/dist/ (index.html, main.js,
 * styles.css). Every file is written to a temporary name and renamed into place, so a server reading
 * dist/ while a build runs never sees half a file. Run directly (`tsx client/build.ts`) or import.
 */
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT } from '../core/paths.js';

/** The chat page's folder (client/), also when this runs compiled from dist/client/build.js. */
const CLIENT = path.join(ROOT, 'client');
export const CLIENT_DIST = path.join(CLIENT, 'dist');

export interface BuildResult {
  files: { name: string; bytes: number }[];
  ms: number;
}

export async function buildClient(options: { minify?: boolean; outdir?: string } = {}): Promise<BuildResult> {
  const started = performance.now();
  const outdir = options.outdir ?? CLIENT_DIST;
  const result = await esbuild.build({
    entryPoints: { main: path.join(CLIENT, 'src/main.tsx'), styles: path.join(CLIENT, 'styles.css') },
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: 'linked',
    legalComments: 'linked',
    outdir,
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [englishOnlyZod],
  });
  await mkdir(outdir, { recursive: true });
  const files: BuildResult['files'] = [];
  const tag = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  for (const file of result.outputFiles) {
    await atomicWrite(file.path, file.contents, tag);
    files.push({ name: path.relative(outdir, file.path), bytes: file.contents.byteLength });
  }
  const html = path.join(outdir, 'index.html');
  await copyFile(path.join(CLIENT, 'index.html'), `${html}.${tag}.tmp`);
  await rename(`${html}.${tag}.tmp`, html);
  return { files, ms: performance.now() - started };
}

/**
 * zod's `z` namespace re-exports every locale (~150 KiB minified) and esbuild cannot drop unused
 * members of a namespace; the page only needs English messages, so the locale index becomes `en` alone.
 */
const englishOnlyZod: esbuild.Plugin = {
  name: 'english-only-zod',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: 'zod-locales', namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(createRequire(import.meta.url).resolve('zod/v4')), 'locales/en.js'))};`,
      loader: 'js',
      resolveDir: CLIENT,
    }));
  },
};

async function atomicWrite(file: string, contents: Uint8Array, tag: string): Promise<void> {
  const tmp = `${file}.${tag}.tmp`;
  await writeFile(tmp, contents);
  await rename(tmp, file);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildClient()
    .then(({ files, ms }) => {
      for (const f of files) console.log(`client/dist/${f.name}  ${(f.bytes / 1024).toFixed(1)} KiB`);
      console.log(`Built the chat page in ${Math.round(ms)} ms.`);
    })
    .catch((err: unknown) => {
      console.error(`Client build failed: ${(err as Error).message}`);
      process.exit(1);
    });
}
