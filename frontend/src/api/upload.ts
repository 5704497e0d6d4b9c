/**
 * Multipart evidence uploads with progress. fetch() cannot report upload progress, so this one
 * request goes through XMLHttpRequest; its path, fields and answer are still the generated
 * schema's types, and it keeps the session rules of client.ts (CSRF header, one refresh).
 */
import { API_URL, refreshSession, type Schemas } from "./client";
import { ApiError } from "./errors";
import { CSRF_HEADER, knownCsrf } from "./session";
import type { paths } from "./schema";

type CompleteTask = paths["/api/tasks/{task_id}/complete"]["post"];
type FileFields = CompleteTask["requestBody"]["content"]["multipart/form-data"];
export type CompletionResult = Schemas["CompletionResult"];

export interface FileUpload {
  taskId: string;
  file: File;
  isPrivate: FileFields["is_private"];
  onProgress?: (fraction: number) => void;
}

export async function completeTaskWithFile(upload: FileUpload): Promise<CompletionResult> {
  const first = await post(upload);
  if (first.status === 401 && (await refreshSession())) return settle(await post(upload));
  return settle(first);
}

interface Answer {
  status: number;
  body: unknown;
}

function settle(answer: Answer): CompletionResult {
  if (answer.status >= 200 && answer.status < 300) return answer.body as CompletionResult;
  throw new ApiError(answer.status, answer.body);
}

function post({ taskId, file, isPrivate, onProgress }: FileUpload): Promise<Answer> {
  const form = new FormData();
  form.append("file", file);
  form.append("is_private", String(isPrivate));
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_URL}/api/tasks/${encodeURIComponent(taskId)}/complete`);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, knownCsrf() ?? "");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => reject(new TypeError("The upload could not reach the server."));
    xhr.send(form);
  });
}
