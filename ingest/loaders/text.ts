import { decode } from '../decode.js';
import type { Loader } from './types.js';

export const loadPlainText: Loader = async (bytes) => {
  const decoded = decode(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, format: 'text' } : decoded;
};
