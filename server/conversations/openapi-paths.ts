import {
  ConversationListSchema,
  ConversationSchema,
  ConversationSummarySchema,
  DeletedResponseSchema,
  FeedbackRequestSchema,
  FeedbackSchema,
  RenameRequestSchema,
  SuggestionsResponseSchema,
  TitlesResponseSchema,
} from '../../core/conversations/schemas.js';

/** The conversation and feedback API's schemas, by the names the OpenAPI document gives them. */
export const CONVERSATION_RESPONSES = {
  ConversationList: ConversationListSchema,
  Conversation: ConversationSchema,
  ConversationSummary: ConversationSummarySchema,
  DeletedResponse: DeletedResponseSchema,
  Feedback: FeedbackSchema,
  SuggestionsResponse: SuggestionsResponseSchema,
  TitlesResponse: TitlesResponseSchema,
};

export const CONVERSATION_REQUESTS = { RenameRequest: RenameRequestSchema, FeedbackRequest: FeedbackRequestSchema };

/** What openapi.ts builds every operation from. */
export interface OperationParts {
  json(name: string): Record<string, unknown>;
  error(description: string): Record<string, unknown>;
  protectedOp: Record<string, unknown>;
  limited: Record<string, unknown>;
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** The operations of /api/conversations, /api/feedback, /api/suggestions and /api/titles. */
export function conversationPaths({ json, error, protectedOp, limited }: OperationParts) {
  const notFound = { '404': error('No such conversation') };
  const query = (name: string, description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
    name,
    in: 'query',
    required: false,
    schema,
    description,
  });
  return {
    '/api/conversations': {
      get: {
        summary: 'Stored conversations, newest activity first, a page at a time',
        ...protectedOp,
        parameters: [
          query('limit', 'Page size, 1 to 100 (default 20)', { type: 'integer', minimum: 1, maximum: 100 }),
          query('cursor', "The previous page's nextCursor"),
          query('q', 'Only titles containing this (any case)'),
        ],
        responses: {
          '200': { description: 'A page of conversations', content: json('ConversationList') },
          '400': error('Invalid query'),
          ...limited,
        },
      },
    },
    '/api/conversations/{id}': {
      get: {
        summary:
          'One conversation with its turns (question, answer, citations, passages, answer mode, timings, feedback)',
        ...protectedOp,
        parameters: [idParam],
        responses: {
          '200': { description: 'The conversation', content: json('Conversation') },
          ...notFound,
          ...limited,
        },
      },
      patch: {
        summary: 'Rename a conversation',
        ...protectedOp,
        parameters: [idParam],
        requestBody: { required: true, content: json('RenameRequest') },
        responses: {
          '200': { description: 'Renamed', content: json('ConversationSummary') },
          '400': error('Invalid title'),
          ...notFound,
          ...limited,
        },
      },
      delete: {
        summary: 'Delete a conversation with its turns and their feedback',
        ...protectedOp,
        parameters: [idParam],
        responses: { '200': { description: 'Deleted', content: json('DeletedResponse') }, ...notFound, ...limited },
      },
    },
    '/api/feedback': {
      post: {
        summary:
          'Thumbs up or down on a stored answer, with an optional correction (the right answer, or "not in the documents") and note; given again, it replaces the last',
        ...protectedOp,
        requestBody: { required: true, content: json('FeedbackRequest') },
        responses: {
          '201': { description: 'Stored', content: json('Feedback') },
          '400': error('Invalid feedback'),
          '404': error('No such turn'),
          ...limited,
        },
      },
    },
    '/api/feedback/export': {
      get: {
        summary:
          'Feedback as an evaluation set (JSONL, the format of npm run eval): thumbs-up answers accepted with their first citation’s file as gold source, corrections as answers, "not in the documents" as unanswerable items',
        ...protectedOp,
        parameters: [query('since', 'Only feedback given at or after this date or time (ISO 8601)')],
        responses: {
          '200': {
            description: 'One evaluation item per line; X-Feedback-Skipped counts thumbs-down with no correction',
            content: { 'application/x-ndjson': { schema: { type: 'string' } } },
          },
          '400': error('Invalid date'),
          ...limited,
        },
      },
    },
    '/api/suggestions': {
      get: {
        summary: 'Three questions to start from, drawn from the most central passages of the documents',
        ...protectedOp,
        responses: {
          '200': { description: 'Suggested questions', content: json('SuggestionsResponse') },
          '503': error('Index not ready'),
          ...limited,
        },
      },
    },
    '/api/titles': {
      get: {
        summary: "Each indexed document's title: its first heading or first line",
        ...protectedOp,
        responses: {
          '200': { description: 'Titles by source path', content: json('TitlesResponse') },
          '503': error('Index not ready'),
          ...limited,
        },
      },
    },
  };
}
