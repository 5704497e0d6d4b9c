/** The API's one error shape, `{"error": {"code", "message", "details"}}`, as an Error. */
import { friendlyMessage, type ValidationDetail } from "./friendly";

/** A detail naming a field: validation details also carry pydantic's `type` and `ctx`. */
export type FieldDetail = ValidationDetail;

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown[] };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldDetail[];

  constructor(status: number, body: unknown) {
    const error = (body as ErrorBody | undefined)?.error;
    super(error?.message ?? `The request failed (${status}).`);
    this.name = "ApiError";
    this.status = status;
    this.code = error?.code ?? "unknown";
    this.details = (error?.details ?? []).filter(isDetail);
  }

  /**
   * Messages per form field, in plain words (friendly.ts): validation details name their field, and
   * errors about one field without details (e.g. `email_taken`) are placed by `codeFields`.
   */
  fieldErrors(codeFields: Record<string, string> = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const detail of this.details) {
      if (!detail.field) continue;
      const path = detail.field.split(".").filter((p) => p !== "body" && p !== "query");
      const message = friendlyMessage(detail, this.message);
      // The full path ("suggested_tasks.0.title", for lists of rows), and the last name ("url",
      // also when a tagged union puts the tag first: "link.url") unless the path runs through a
      // list, whose row's "title" is not the form's own.
      const inList = path.some((part) => /^\d+$/.test(part));
      for (const key of inList ? [path.join(".")] : [path.join("."), path[path.length - 1]]) {
        if (key && !out[key]) out[key] = message;
      }
    }
    const field = codeFields[this.code];
    if (field && !out[field]) out[field] = this.message;
    return out;
  }
}

function isDetail(detail: unknown): detail is FieldDetail {
  return typeof detail === "object" && detail !== null;
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an openapi-fetch call, or an ApiError with the API's message. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "The server could not be reached. Check your connection.";
  return "Something went wrong. Please try again.";
}
