// Grafana's Prometheus client is Go's net/http, so a failed request reads like a *url.Error:
//   Post "http://127.0.0.1:1/api/v1/query": dial tcp 127.0.0.1:1: connect: connection refused
// This turns a Node/undici failure into that wording.

interface NodeError {
  code?: string;
  name?: string;
  cause?: unknown;
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as NodeError;
    if (e.code) return e.code;
    current = e.cause;
  }
  return undefined;
}

function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

function goReason(err: unknown, url: URL): string {
  const given = (err as { goReason?: string })?.goReason;
  if (given) return given;
  switch (errorCode(err)) {
    case 'ECONNREFUSED':
      return `dial tcp ${hostPort(url)}: connect: connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${url.hostname}: no such host`;
    case 'EHOSTUNREACH':
      return `dial tcp ${hostPort(url)}: connect: no route to host`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'EOF';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** e.g. goUrlError('POST', url, err) → `Post "<url>": dial tcp …: connect: connection refused`. */
export function goUrlError(method: string, url: URL, err: unknown): string {
  const verb = method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
  return `${verb} "${url.href}": ${goReason(err, url)}`;
}
