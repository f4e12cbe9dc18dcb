export { containsAnswer, normalizeAnswer } from '../core/text/normalize.js';
