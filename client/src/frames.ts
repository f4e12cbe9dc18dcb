import { z } from 'zod/v4';
import { AnswerEventSchema, type ServerFrame } from '../../core/protocol.js';

const IdSchema = z.object({ id: z.string().optional() });

/** Parse one WebSocket message into a typed frame, or explain why it is not one. */
export function parseFrame(data: unknown): { ok: true; frame: ServerFrame } | { ok: false; reason: string } {
  if (typeof data !== 'string') return { ok: false, reason: 'binary frame' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'invalid JSON' };
  }
  const event = AnswerEventSchema.safeParse(json);
  const tag = IdSchema.safeParse(json);
  if (!event.success || !tag.success) return { ok: false, reason: 'unexpected frame shape' };
  return { ok: true, frame: { ...event.data, ...(tag.data.id !== undefined ? { id: tag.data.id } : {}) } };
}
