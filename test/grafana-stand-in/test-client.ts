// Test helper: plain HTTP calls against a running stand-in, the way any client would make them.
export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is empty. */
  body: unknown;
}

export interface Credentials {
  user: string;
  password: string;
}

export const ADMIN: Credentials = { user: 'admin', password: 'admin' };

export function basicAuth({ user, password }: Credentials): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: {
    auth?: Credentials | null;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth === undefined ? ADMIN : opts.auth;
  if (auth) headers.authorization = basicAuth(auth);
  let body = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text === '' ? undefined : JSON.parse(text),
  };
}
