import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.js';
import {
  AskRequestSchema,
  LIMITS,
  type AskRequest,
  type AskResponse,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type ChatMessage,
  type Usage,
} from '../core/protocol.js';
import { parseRequest } from './parse-request.js';

export const MODEL_ID = 'docqa';

type Citation = AskResponse['citations'][number];

/** Our own sources block, stripped from assistant turns a client sends back as history. */
const SOURCES_HEADING = '\n\nSources:\n';

function textOf(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === 'string') return content;
  if (!content) return '';
  // Parts are separate pieces of text (clients split a message at paragraphs or around images): joined
  // with nothing, "…spokesperson" + "of the…" became "spokespersonof", a word no document contains.
  return content
    .flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : []))
    .join('\n');
}

/**
 * Chat messages to a question with history: the last message (a user turn) is the question; each
 * earlier user turn answered by the assistant turn after it becomes one history turn. System and
 * tool messages carry nothing the documents can answer, so they are dropped.
 */
export function toAskRequest(body: ChatCompletionRequest): AskRequest {
  const last = body.messages.at(-1);
  if (!last || last.role !== 'user')
    throw new AppError('invalid_request', 'messages: the last message must be a user message (the question).');
  const history: { question: string; answer: string }[] = [];
  let pending: string | undefined;
  for (const message of body.messages.slice(0, -1)) {
    // An earlier turn is context, not the question: cut (like the answers below) rather than refuse the conversation.
    if (message.role === 'user') pending = textOf(message).slice(0, LIMITS.questionChars);
    else if (message.role === 'assistant' && pending !== undefined) {
      const answer = (textOf(message).split(SOURCES_HEADING)[0] ?? '').slice(0, LIMITS.historyAnswerChars);
      history.push({ question: pending, answer });
      pending = undefined;
    }
  }
  return parseRequest(AskRequestSchema, { question: textOf(last), history: history.slice(-LIMITS.historyTurns) });
}

function location(c: Citation): string {
  const lines = c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}-${c.endLine}`;
  return `${c.source}, ${lines}${c.page ? `, page ${c.page}` : ''}`;
}

/**
 * What plain clients show after the answer: `[n]` markers (unless the answerer already placed them)
 * and a numbered sources list. Empty when there is nothing to cite.
 */
export function citationSuffix(answer: string, citations: Citation[]): string {
  if (citations.length === 0) return '';
  const markers = /\[\d+\]/.test(answer) ? '' : ' ' + citations.map((_, i) => `[${i + 1}]`).join('');
  return `${markers}${SOURCES_HEADING}${citations.map((c, i) => `[${i + 1}] ${location(c)}`).join('\n')}`;
}

/** Rough token counts (4 characters a token), so clients that read `usage` get plausible numbers. */
const tokens = (text: string) => Math.ceil(text.length / 4);

export function usage(request: AskRequest, content: string): Usage {
  const prompt =
    tokens(request.question) + (request.history ?? []).reduce((n, t) => n + tokens(t.question) + tokens(t.answer), 0);
  return { prompt_tokens: prompt, completion_tokens: tokens(content), total_tokens: prompt + tokens(content) };
}

export function completionBody(model: string, request: AskRequest, result: AskResponse): ChatCompletion {
  const content = result.answer + citationSuffix(result.answer, result.citations);
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null },
    ],
    usage: usage(request, content),
    ...evidence(result),
    passages: result.passages,
  };
}

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type Final = Pick<AskResponse, 'citations' | 'abstained' | 'unsupported' | 'fallback' | 'closest'>;

/** The machine-readable evidence an answer carries on /v1: citations, abstention, and when present the unsupported sentences and the fallback and closest-passage marks. */
export function evidence(result: Final): Final {
  const { citations, abstained, unsupported, fallback, closest } = result;
  return {
    citations,
    abstained,
    ...(unsupported !== undefined && { unsupported }),
    ...(fallback !== undefined && { fallback }),
    ...(closest && { closest }),
  };
}

/**
 * Builds the chunks of one streamed completion (shared id and time); the final one carries the
 * evidence. `usage` builds the extra chunk `stream_options.include_usage` asks for after it.
 */
export function chunkMaker(model: string): {
  chunk: (delta: Delta, final?: Final) => ChatCompletionChunk;
  usage: (usage: Usage) => ChatCompletionChunk;
} {
  const base = {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion.chunk' as const,
    created: Math.floor(Date.now() / 1000),
    model,
  };
  return {
    chunk: (delta, final) => ({
      ...base,
      choices: [{ index: 0, delta, finish_reason: final ? 'stop' : null, logprobs: null }],
      ...final,
    }),
    usage: (usage) => ({ ...base, choices: [], usage }),
  };
}
