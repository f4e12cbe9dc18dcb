import { Router, type Response } from 'express';
import { collect } from '../core/engine.js';
import { ChatCompletionRequestSchema, type AnswerEvent } from '../core/protocol.js';
import type { AnswerService } from './answers.js';
import { chunkMaker, citationSuffix, completionBody, evidence, MODEL_ID, toAskRequest } from './openai-translate.js';
import { SseStream } from './sse.js';
import { parseRequest } from './parse-request.js';

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
    const completion = parseRequest(ChatCompletionRequestSchema, req.body);
    const request = toAskRequest(completion);
    const model = completion.model ?? MODEL_ID;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const events = answers.ask(request, controller.signal);
    if (completion.stream) return streamChunks(res, model, events);
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
