/**
 * The English the reader and the lexical index know, in one place: another language is mostly a
 * module like this one. Stages import from here, not from the files it gathers.
 */
export * from './words.js';
export * from './months.js';
export * from './calendar.js';
export * from './measures.js';
export { STOP_WORDS } from './stop-words.js';
