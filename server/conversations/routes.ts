import { Router } from 'express';
import { feedbackSet, toJsonl } from '../../core/conversations/feedback-set.js';
import { documentTitles, suggestedQuestions } from '../../core/conversations/overview.js';
import {
  ConversationListQuerySchema,
  ConversationParamsSchema,
  FeedbackExportQuerySchema,
  FeedbackRequestSchema,
  RenameRequestSchema,
  type TitlesResponse,
} from '../../core/conversations/schemas.js';
import type { ConversationStore } from '../../core/conversations/store.js';
import { AppError } from '../../core/errors.js';
import type { EngineHolder } from '../engine-holder.js';
import { parseRequest } from '../parse-request.js';
import type { RouteTable } from '../route-table.js';

/** Relative to the router's mount point (/api). */
export const CONVERSATION_ROUTES = {
  '/conversations': ['GET'],
  '/conversations/:id': ['GET', 'PATCH', 'DELETE'],
  '/feedback': ['POST'],
  '/feedback/export': ['GET'],
} as const satisfies RouteTable;

export const OVERVIEW_ROUTES = { '/suggestions': ['GET'], '/titles': ['GET'] } as const satisfies RouteTable;

const notFound = (id: string) => new AppError('not_found', `No conversation ${id}.`);

/** The stored conversations (list, read, rename, delete), feedback on their answers, and feedback as an evaluation set. */
export function conversationsRouter(store: ConversationStore): Router {
  const router = Router();
  router.get('/conversations', async (req, res) => {
    res.json(await store.list(parseRequest(ConversationListQuerySchema, req.query)));
  });
  router.get('/conversations/:id', async (req, res) => {
    const { id } = parseRequest(ConversationParamsSchema, req.params);
    res.json((await store.get(id)) ?? throwError(notFound(id)));
  });
  router.patch('/conversations/:id', async (req, res) => {
    const { id } = parseRequest(ConversationParamsSchema, req.params);
    const { title } = parseRequest(RenameRequestSchema, req.body);
    res.json((await store.rename(id, title)) ?? throwError(notFound(id)));
  });
  router.delete('/conversations/:id', async (req, res) => {
    const { id } = parseRequest(ConversationParamsSchema, req.params);
    if (!(await store.delete(id))) throw notFound(id);
    res.json({ id, deleted: true });
  });
  router.post('/feedback', async (req, res) => {
    const request = parseRequest(FeedbackRequestSchema, req.body);
    const feedback = await store.setFeedback(request);
    if (!feedback) throw new AppError('not_found', `No turn ${request.turnId}.`);
    res.status(201).json(feedback);
  });
  router.get('/feedback/export', async (req, res) => {
    const { since } = parseRequest(FeedbackExportQuerySchema, req.query);
    const { items, skipped } = feedbackSet(await store.feedback(since ? new Date(since) : undefined));
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="feedback-set.jsonl"');
    // Thumbs-down with no correction say nothing to score against: counted, not exported.
    res.setHeader('X-Feedback-Skipped', String(skipped));
    res.send(toJsonl(items));
  });
  return router;
}

/** Questions to start from and the documents' titles, both drawn from the live index. */
export function overviewRouter(holder: EngineHolder): Router {
  const chunks = () => {
    const live = holder.current;
    if (!live) throw holder.notReady;
    return live.chunks ?? [];
  };
  return Router()
    .get('/suggestions', (_req, res) => void res.json({ questions: suggestedQuestions(chunks()) }))
    .get('/titles', (_req, res) => {
      const body: TitlesResponse = { titles: documentTitles(chunks()) };
      res.json(body);
    });
}

function throwError(error: AppError): never {
  throw error;
}
