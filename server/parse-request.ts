import type { z } from 'zod/v4';
import { AppError } from '../core/errors.js';
import { describeIssues } from '../core/protocol.js';

/**
 * Parse an external input with its protocol schema, or fail with `invalid_request` naming the
 * offending field (the error middleware turns it into a 400). Routes receive typed values only.
 */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid_request', describeIssues(parsed.error));
  return parsed.data;
}
