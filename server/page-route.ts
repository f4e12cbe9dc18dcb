import express, { Router } from 'express';
import type { RouteTable } from './route-table.js';

/**
 * The chat page's files, as client/build.ts writes them into client/dist/ (run by scripts/build.mjs
 * at install, and when client/ changed), and `/` for index.html. Served with GET (and HEAD, as every
 * GET route is); another method on one of them is a 405 like the API's routes. A unit test holds
 * this table to what the build writes.
 */
export const PAGE_ROUTES = {
  '/': ['GET'],
  '/index.html': ['GET'],
  '/main.js': ['GET'],
  '/main.js.map': ['GET'],
  '/styles.css': ['GET'],
  '/styles.css.map': ['GET'],
} as const satisfies RouteTable;

/** Serves the built page from `dir`; a file missing there (the page not built) falls through to a 404. */
export function pageRouter(dir: string): Router {
  return Router().use(express.static(dir, { index: 'index.html' }));
}
