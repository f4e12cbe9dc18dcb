/** The stored conversations and feedback, over /api (issue 21), each answer parsed with the shared schemas. */
import {
  ConversationListSchema,
  ConversationSchema,
  ConversationSummarySchema,
  DeletedResponseSchema,
  FeedbackSchema,
  SuggestionsResponseSchema,
  TitlesResponseSchema,
  type FeedbackRequest,
  type TurnView,
} from '../../core/conversations/schemas.js';
import { requestJson } from './api.js';
import type { Message } from './model.js';

const json = { 'content-type': 'application/json' };
const id = (value: string) => encodeURIComponent(value);

export function listConversations(query: { q?: string; cursor?: string; limit?: number }) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.cursor) params.set('cursor', query.cursor);
  params.set('limit', String(query.limit ?? 30));
  return requestJson(
    `/api/conversations?${params}`,
    {},
    ConversationListSchema,
    'The conversations could not be listed',
  );
}

export function getConversation(conversationId: string) {
  return requestJson(
    `/api/conversations/${id(conversationId)}`,
    {},
    ConversationSchema,
    'The conversation could not be opened',
  );
}

export function renameConversation(conversationId: string, title: string) {
  return requestJson(
    `/api/conversations/${id(conversationId)}`,
    { method: 'PATCH', headers: json, body: JSON.stringify({ title }) },
    ConversationSummarySchema,
    'The conversation could not be renamed',
  );
}

export function deleteConversation(conversationId: string) {
  return requestJson(
    `/api/conversations/${id(conversationId)}`,
    { method: 'DELETE' },
    DeletedResponseSchema,
    'The conversation could not be deleted',
  );
}

export function sendFeedback(request: FeedbackRequest) {
  return requestJson(
    '/api/feedback',
    { method: 'POST', headers: json, body: JSON.stringify(request) },
    FeedbackSchema,
    'The feedback could not be saved',
  );
}

export function fetchSuggestions() {
  return requestJson('/api/suggestions', {}, SuggestionsResponseSchema, 'No suggestions');
}

export function fetchTitles() {
  return requestJson('/api/titles', {}, TitlesResponseSchema, 'No titles');
}

/** A stored turn as the page's message. */
export function messageFromTurn(turn: TurnView): Message {
  return {
    id: turn.id,
    turnId: turn.id,
    question: turn.question,
    answer: turn.answer,
    status: 'done',
    abstained: turn.abstained,
    citations: turn.citations,
    passages: turn.passages,
    ...(turn.unsupported ? { unsupported: turn.unsupported } : {}),
    ...(turn.fallback !== undefined ? { fallback: turn.fallback } : {}),
    ...(turn.closest ? { closest: true } : {}),
    ...(turn.feedback
      ? {
          feedback: {
            rating: turn.feedback.rating,
            ...(turn.feedback.correction ? { correction: turn.feedback.correction } : {}),
          },
        }
      : {}),
  };
}
