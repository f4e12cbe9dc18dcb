import { DeleteResponseSchema, DocumentsResponseSchema, UploadResponseSchema, type DeleteResponse, type DocumentsResponse, type UploadResponse } from '../../core/protocol.js';
import { requestJson, type ApiResult } from './api.js';

/** GET /api/documents: what is indexed, what failed to convert, whether uploads are taken. */
export function listDocuments(): Promise<ApiResult<DocumentsResponse>> {
  return requestJson('/api/documents', {}, DocumentsResponseSchema, 'The documents could not be listed');
}

/** POST /api/documents: the server converts the file, saves it and answers once it is searchable. */
export function uploadDocument(file: File): Promise<ApiResult<UploadResponse>> {
  const body = new FormData();
  body.append('file', file, file.name);
  return requestJson('/api/documents', { method: 'POST', body }, UploadResponseSchema, `${file.name} was not added`);
}

/** DELETE /api/documents?path=…: removes the file from the folder and the index. */
export function deleteDocument(source: string): Promise<ApiResult<DeleteResponse>> {
  return requestJson(`/api/documents?path=${encodeURIComponent(source)}`, { method: 'DELETE' }, DeleteResponseSchema, `${source} was not deleted`);
}
