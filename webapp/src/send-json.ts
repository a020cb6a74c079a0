import type { Response } from 'express';

/**
 * Writes a JSON response in one go. Cheaper than res.json(), which converts the body to a Buffer,
 * looks up the MIME type and writes headers and body separately: this path runs on every request.
 * HEAD requests get the headers only (Node drops the body).
 */
export function sendJsonText(res: Response, status: number, json: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
  });
  res.end(json);
}

export function sendJson(res: Response, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}
