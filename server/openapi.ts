import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { z } from 'zod/v4';
import { ROOT } from '../core/paths.js';
import * as P from '../core/protocol.js';
import type { RouteTable } from './route-table.js';
import { CONVERSATION_REQUESTS, CONVERSATION_RESPONSES, conversationPaths } from './conversations/openapi-paths.js';

type Schema = z.ZodType;

/** A JSON Schema for a protocol schema; requests are described as clients send them (before defaults). */
function schemaOf(schema: Schema, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dropped, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });

const RESPONSES = {
  AskResponse: P.AskResponseSchema,
  AnswerEvent: P.AnswerEventSchema,
  SourceResponse: P.SourceResponseSchema,
  DocumentsResponse: P.DocumentsResponseSchema,
  HealthResponse: P.HealthResponseSchema,
  ReadyResponse: P.ReadyResponseSchema,
  ChatCompletion: P.ChatCompletionSchema,
  ChatCompletionChunk: P.ChatCompletionChunkSchema,
  Model: P.ModelSchema,
  ModelList: P.ModelListSchema,
  UploadResponse: P.UploadResponseSchema,
  DeleteResponse: P.DeleteResponseSchema,
  Error: P.ErrorBodySchema,
  ...CONVERSATION_RESPONSES,
} satisfies Record<string, Schema>;

const REQUESTS = {
  AskRequest: P.AskRequestSchema,
  ChatCompletionRequest: P.ChatCompletionRequestSchema,
  ClientFrame: P.ClientFrameSchema,
  ...CONVERSATION_REQUESTS,
} satisfies Record<string, Schema>;

const protectedOp = { security: [{ bearer: [] }, {}] };
const limited = {
  '401': error('API key missing or wrong (only when API_KEY is set)'),
  '403': error('forbidden_origin: a state-changing request (not GET or HEAD) from another site'),
  '421': error('host_not_allowed: the Host header names no allowed host (see ALLOWED_HOSTS)'),
  '429': error('Rate limited; see Retry-After'),
};
const tooLarge = { '413': error('The JSON body is over the limit (the message names it)') };

function paths() {
  const stream = { 'text/event-stream': { schema: { type: 'string', description: 'Server-sent events' } } };
  return {
    '/api/ask': {
      post: {
        summary:
          'Answer a question with citations. With "stream": true, server-sent events named passages, delta, done, error whose data is an AnswerEvent.',
        ...protectedOp,
        requestBody: { required: true, content: json('AskRequest') },
        responses: {
          '200': { description: 'The answer', content: { ...json('AskResponse'), ...stream } },
          '400': error('Invalid request'),
          ...tooLarge,
          '503': error('Index not ready'),
          ...limited,
        },
      },
    },
    ...conversationPaths({ json, error, protectedOp, limited }),
    '/api/sources': {
      get: {
        summary: 'The indexed text of one document',
        ...protectedOp,
        parameters: [
          {
            name: 'path',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'Path relative to the documents folder, as in citations',
          },
        ],
        responses: {
          '200': { description: 'The document', content: json('SourceResponse') },
          '400': error('Unsafe path'),
          '404': error('Not an indexed document'),
          ...limited,
        },
      },
    },
    '/api/documents': {
      get: {
        summary: 'The indexed documents',
        ...protectedOp,
        responses: { '200': { description: 'Documents', content: json('DocumentsResponse') }, ...limited },
      },
      post: {
        summary: 'Add or replace a document and index it',
        ...protectedOp,
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'string', format: 'binary' },
                  path: { type: 'string', description: 'folder inside the docs folder' },
                },
                required: ['file'],
              },
            },
          },
        },
        responses: {
          '201': { description: 'Added and indexed', content: json('UploadResponse') },
          '200': { description: 'Replaced and indexed', content: json('UploadResponse') },
          '400': error('Bad name or type, or an unreadable file'),
          '413': error('The file is over MAX_FILE_MB'),
          ...limited,
        },
      },
      delete: {
        summary: 'Remove a document and drop it from the index',
        ...protectedOp,
        parameters: [{ name: 'path', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'Removed', content: json('DeleteResponse') },
          '400': error('Path outside the docs folder'),
          '404': error('No such document'),
          ...limited,
        },
      },
    },
    '/api/health': {
      get: {
        summary: 'Liveness: 200 once an index is loaded',
        responses: { '200': { description: 'Loaded', content: json('HealthResponse') }, '503': error('Not loaded') },
      },
    },
    '/api/ready': {
      get: {
        summary: 'Readiness: 503 while reloading or shutting down',
        responses: {
          '200': { description: 'Ready', content: json('ReadyResponse') },
          '503': { description: 'Not ready', content: json('ReadyResponse') },
        },
      },
    },
    '/api/admin/reload': {
      post: {
        summary: 'Reload the live index generation from disk',
        ...protectedOp,
        responses: {
          '200': { description: 'Reloaded', content: json('ReadyResponse') },
          '503': error('The new index could not be loaded; the previous one stays live'),
          ...limited,
        },
      },
    },
    '/v1/chat/completions': {
      post: {
        summary:
          'OpenAI-compatible chat completion: the last user message is the question, earlier user/assistant pairs the history. Adds citations, abstained (and passages) to the response and to the final stream chunk.',
        ...protectedOp,
        requestBody: { required: true, content: json('ChatCompletionRequest') },
        responses: {
          '200': {
            description: 'Completion, or with stream: true chat.completion.chunk events ending with data: [DONE]',
            content: { ...json('ChatCompletion'), ...stream },
          },
          '400': error('Invalid request'),
          ...tooLarge,
          ...limited,
        },
      },
    },
    '/v1/models': {
      get: {
        summary: 'The one model, docqa',
        ...protectedOp,
        responses: { '200': { description: 'Models', content: json('ModelList') }, ...limited },
      },
    },
    '/v1/models/{id}': {
      get: {
        summary: 'One model: any name is accepted and echoed, as by /v1/chat/completions',
        ...protectedOp,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The model', content: json('Model') }, ...limited },
      },
    },
    '/metrics': {
      get: {
        summary: 'Prometheus metrics',
        responses: {
          '200': { description: 'Text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
    '/ws': {
      get: {
        summary: 'WebSocket upgrade. Client frames: ClientFrame; server frames: AnswerEvent plus the question id.',
        ...protectedOp,
        responses: { '101': { description: 'Switching protocols' } },
      },
    },
  };
}

/** The WebSocket upgrade: answered by the HTTP server itself, not by a router, so in no route table. */
const WS_PATH = '/ws';

/**
 * The operations of `all` that `served` (the app's route table) has: a router left unmounted (the
 * documents router, uploads off) leaves its methods out, and a path left with none goes.
 */
function servedPaths(
  all: Record<string, Record<string, unknown>>,
  served: RouteTable,
): Record<string, Record<string, unknown>> {
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(all)) {
    if (path === WS_PATH) {
      kept[path] = operations;
      continue;
    }
    const methods = served[path.replace(/\{(\w+)\}/g, ':$1')] ?? [];
    const ops = Object.entries(operations).filter(([method]) => methods.includes(method.toUpperCase()));
    if (ops.length > 0) kept[path] = Object.fromEntries(ops);
  }
  return kept;
}

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the server validates with,
 * describing the routes in `served` (the table of the routers the app mounts) and the WebSocket.
 */
export function openApiDocument(served: RouteTable, version = packageVersion()): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(REQUESTS)) schemas[name] = schemaOf(schema, 'input');
  for (const [name, schema] of Object.entries(RESPONSES)) schemas[name] = schemaOf(schema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'docqa',
      version,
      description: 'Ask questions of a folder of documents; every answer cites its sources.',
    },
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Only when the server sets API_KEY' } },
    },
    paths: servedPaths(paths(), served),
  };
}

export const OPENAPI_ROUTES = { '/api/openapi.json': ['GET'] } as const satisfies RouteTable;

/** Serves the document of the routes in `served`, built once. */
export function openApiRouter(served: RouteTable): Router {
  const document = openApiDocument(served);
  return Router().get('/api/openapi.json', (_req, res) => res.json(document));
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
