import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../core/errors.js';
import { formatBytes } from './byte-size.js';

/**
 * The multipart body of an upload, read into memory (nothing touches the disk here), as one file in
 * `field`. Every failure to read it is the client's: multer's own limit errors, and the parser's
 * (busboy's) "Unexpected end of form" (no closing boundary, an empty body), "Malformed part header"
 * (a broken header line, a NUL byte in a file name), "Boundary not found", which are plain Errors
 * and would otherwise be answered as 500 internal_error.
 */
export function uploadBody(field: string, maxFileBytes: number): RequestHandler {
  // Browsers and curl send file names as UTF-8 without saying so; multer's default reads them as latin1.
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxFileBytes, files: 1, fields: 4, fieldSize: 1024 },
  }).single(field);
  return (req, res, next) => {
    upload(req, res, (err?: unknown) => next(err === undefined ? undefined : uploadError(err, maxFileBytes)));
  };
}

/** A file over MAX_FILE_MB is payload_too_large (413) like a JSON body over its limit; the rest 400s naming the problem. */
export function uploadError(err: unknown, maxFileBytes: number): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof multer.MulterError) {
    if (err.code === 'LIMIT_FILE_SIZE')
      return new AppError(
        'payload_too_large',
        `The file is over the ${formatBytes(maxFileBytes)} upload limit (MAX_FILE_MB).`,
      );
    return new AppError(
      'invalid_request',
      `Upload refused: ${err.message}${err.field ? ` (field ${err.field})` : ''}.`,
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new AppError(
    'invalid_request',
    `The upload is not a well-formed multipart/form-data body: ${describeParserError(message)}.`,
  );
}

/** busboy's terse messages, in the words of what the client sent wrong. */
function describeParserError(message: string): string {
  if (/unexpected end of form/i.test(message)) return 'it ends before its closing boundary (empty or cut short)';
  if (/malformed part header/i.test(message))
    return 'a part header is malformed (a broken header line, or a control character such as NUL in a file name)';
  if (/boundary not found/i.test(message)) return 'the Content-Type header names no boundary';
  if (/unsupported content type/i.test(message)) return 'the Content-Type is not multipart/form-data';
  return message.replace(/[.\s]+$/, '');
}
