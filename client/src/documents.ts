import {
  DeleteResponseSchema,
  DocumentsResponseSchema,
  UploadResponseSchema,
  type DeleteResponse,
  type DocumentsResponse,
  type UploadResponse,
} from '../../core/protocol.js';
import { requestJson, type ApiResult } from './api.js';
import { forgetSource } from './sources.js';

/** GET /api/documents: what is indexed, what failed to convert or was skipped, whether uploads are taken. */
export function listDocuments(): Promise<ApiResult<DocumentsResponse>> {
  return requestJson('/api/documents', {}, DocumentsResponseSchema, 'The documents could not be listed');
}

/** POST /api/documents: the server converts the file, saves it and answers once it is searchable. */
export async function uploadDocument(file: File): Promise<ApiResult<UploadResponse>> {
  const body = new FormData();
  body.append('file', file, file.name);
  const result = await requestJson(
    '/api/documents',
    { method: 'POST', body },
    UploadResponseSchema,
    `${file.name} was not added`,
  );
  if (result.ok) forgetSource(result.data.source);
  return result;
}

/** DELETE /api/documents?path=…: removes the file from the folder and the index. */
export async function deleteDocument(source: string): Promise<ApiResult<DeleteResponse>> {
  const result = await requestJson(
    `/api/documents?path=${encodeURIComponent(source)}`,
    { method: 'DELETE' },
    DeleteResponseSchema,
    `${source} was not deleted`,
  );
  // Forgotten whatever the outcome: a delete that failed while re-indexing may still have removed the file.
  forgetSource(source);
  return result;
}
