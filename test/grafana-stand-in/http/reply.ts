/** What a route answers: a status and a JSON body, or no body at all (`body: undefined`). */
export interface Reply {
  status: number;
  body?: unknown;
  /**
   * Grafana answers through two writers: response.JSON sends "application/json", while
   * ctx.JSON (middleware errors such as 401 and the not-found handler) adds "; charset=UTF-8".
   */
  charset?: boolean;
}

export function json(status: number, body: unknown): Reply {
  return { status, body };
}

export function empty(status: number): Reply {
  return { status };
}

/** A Grafana error answer thrown from deep inside a store and turned into a reply by the pipeline. */
export class ApiError extends Error {
  readonly reply: Reply;

  constructor(status: number, body: unknown) {
    super(typeof body === 'object' && body && 'message' in body ? String(body.message) : `HTTP ${status}`);
    this.reply = { status, body };
  }
}

/** pkg/api/response.Error: `{"message": …}` (the `error` detail is only added outside production). */
export function apiError(status: number, message: string): ApiError {
  return new ApiError(status, { message });
}
