import { Router, type Response } from 'express';
import { collect } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import {
  ChatCompletionRequestSchema,
  ModelParamsSchema,
  type AnswerEvent,
  type AskRequest,
  type Model,
} from '../core/protocol.js';
import type { AnswerService } from './answers.js';
import {
  chunkMaker,
  citationSuffix,
  completionBody,
  evidence,
  MODEL_ID,
  toAskRequest,
  usage,
} from './openai-translate.js';
import { sendErrorEvent } from './http-errors.js';
import { SseStream } from './sse.js';
import { parseRequest } from './parse-request.js';
import type { RouteTable } from './route-table.js';

/** Relative to the router's mount point (/v1). */
export const OPENAI_ROUTES = {
  '/models': ['GET'],
  '/models/:id': ['GET'],
  '/chat/completions': ['POST'],
} as const satisfies RouteTable;

/**
 * The OpenAI-compatible API under /v1, so any OpenAI client library can ask the documents.
 * Errors keep the `{ error: { code, message } }` shape, which OpenAI clients read as API errors.
 */
export function openaiRouter(answers: AnswerService): Router {
  const router = Router();
  const started = Math.floor(Date.now() / 1000);

  const model = (id: string): Model => ({ id, object: 'model', created: started, owned_by: 'docqa' });

  router.get('/models', (_req, res) => {
    res.json({ object: 'list', data: [model(MODEL_ID)] });
  });

  // Any model name is accepted (and echoed) by /chat/completions, so any name retrieves: clients that
  // check the configured model exists before asking (client.models.retrieve) then work with any name.
  router.get('/models/:id', (req, res) => {
    res.json(model(parseRequest(ModelParamsSchema, req.params).id));
  });

  router.post('/chat/completions', async (req, res) => {
    if (!req.is('application/json'))
      throw new AppError('invalid_request', 'Send a JSON body with Content-Type: application/json.');
    const completion = parseRequest(ChatCompletionRequestSchema, req.body);
    const request = toAskRequest(completion);
    const model = completion.model ?? MODEL_ID;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const events = answers.ask(request, controller.signal);
    if (completion.stream)
      return streamChunks(res, model, events, completion.stream_options?.include_usage ? request : undefined);
    res.json(completionBody(model, request, await collect(events)));
  });

  return router;
}

/**
 * Engine events as `chat.completion.chunk`s; the final chunk adds the sources text and the citations.
 * With `usageOf` (the request, when the client set `stream_options.include_usage`) a usage chunk follows it.
 */
async function streamChunks(
  res: Response,
  model: string,
  events: AsyncIterable<AnswerEvent>,
  usageOf?: AskRequest,
): Promise<void> {
  const sse = new SseStream(res);
  const make = chunkMaker(model);
  // The role chunk opens the stream with the first text, so a failure before any (the model down,
  // no fallback) is an HTTP error that OpenAI clients raise with its status, not a 200.
  const opening = () => {
    if (!sse.opened) sse.send(make.chunk({ role: 'assistant', content: '' }));
  };
  try {
    for await (const event of events) {
      if (event.type === 'error' && !sse.opened) return sendErrorEvent(res, event);
      if (event.type !== 'passages') opening();
      if (event.type === 'delta') sse.send(make.chunk({ content: event.text }));
      else if (event.type === 'done') {
        const suffix = citationSuffix(event.answer, event.citations);
        sse.send(make.chunk({ content: suffix }, evidence(event)));
        if (usageOf) sse.send(make.usage(usage(usageOf, event.answer + suffix)));
        sse.send('[DONE]');
      } else if (event.type === 'error') {
        // OpenAI clients raise an API error for a data line carrying `error`.
        sse.send({ error: { code: event.code, message: event.message } });
      }
    }
  } finally {
    sse.end();
  }
}
