import { Router, type Response } from 'express';
import { collect } from '../core/engine.js';
import { AppError } from '../core/errors.js';
import { ChatCompletionRequestSchema, describeIssues, type AnswerEvent } from '../core/protocol.js';
import type { AnswerService } from './answers.js';
import { chunkMaker, citationSuffix, completionBody, evidence, MODEL_ID, toAskRequest } from './openai-translate.js';
import { SseStream } from './sse.js';

/**
 * The OpenAI-compatible API under /v1, so any OpenAI client library can ask the documents.
 * Errors keep the `{ error: { code, message } }` shape, which OpenAI clients read as API errors.
 */
export function openaiRouter(answers: AnswerService): Router {
  const router = Router();
  const started = Math.floor(Date.now() / 1000);

  router.get('/models', (_req, res) => {
    res.json({ object: 'list', data: [{ id: MODEL_ID, object: 'model', created: started, owned_by: 'docqa' }] });
  });

  router.post('/chat/completions', async (req, res) => {
    const parsed = ChatCompletionRequestSchema.safeParse(req.body);
    if (!parsed.success) throw new AppError('invalid_request', describeIssues(parsed.error));
    const request = toAskRequest(parsed.data);
    const model = parsed.data.model ?? MODEL_ID;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const events = answers.ask(request, controller.signal);
    if (parsed.data.stream) return streamChunks(res, model, events);
    res.json(completionBody(model, request, await collect(events)));
  });

  return router;
}

/** Engine events as `chat.completion.chunk`s; the final chunk adds the sources text and the citations. */
async function streamChunks(res: Response, model: string, events: AsyncIterable<AnswerEvent>): Promise<void> {
  const sse = new SseStream(res);
  const chunk = chunkMaker(model);
  try {
    sse.send(chunk({ role: 'assistant', content: '' }));
    for await (const event of events) {
      if (event.type === 'delta') sse.send(chunk({ content: event.text }));
      else if (event.type === 'done') {
        sse.send(chunk({ content: citationSuffix(event.answer, event.citations) }, evidence(event)));
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
