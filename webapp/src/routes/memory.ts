import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'express';
import { HttpError, queryParam } from '../http-error.js';
import { commitMemory, mebibyte } from '../memory-commit.js';
import { numberParam } from '../params.js';
import { sendJson } from '../send-json.js';
import type { RouteContext } from './context.js';

/** `/memory-usage?size=`: really commits `size` MB, holds it, then lets it go. */
export function memoryUsage({ config, memory, collectGarbage }: RouteContext): RequestHandler {
  const sizeParam = numberParam('size', { max: config.maxMemoryMb, integer: true, fallback: 10 });
  // Held memory is released within one hold time, so that is when a retry can succeed.
  const retryAfterSeconds = String(Math.max(1, Math.ceil(config.memoryHoldMs / 1000)));
  return async (req, res) => {
    const size = queryParam(req, 'size', sizeParam);
    const release = memory.tryReserve(size);
    if (!release) {
      throw new HttpError(
        503,
        `memory budget exhausted: ${memory.heldMb} of ${memory.totalMb} MB already held, ${size} MB more does not fit; retry later`,
        { 'Retry-After': retryAfterSeconds },
      );
    }
    try {
      const block = await commitMemory(size * mebibyte);
      await sleep(config.memoryHoldMs);
      sendJson(res, 200, { message: `Allocated ${size} MB of memory`, size_bytes: block.length });
    } finally {
      release();
      // The blocks live outside V8's heap, which an idle server would not collect for a long
      // time: give the memory back once nothing is held, so the saturation graphs come down.
      if (memory.heldMb === 0 && collectGarbage) setImmediate(collectGarbage);
    }
  };
}
