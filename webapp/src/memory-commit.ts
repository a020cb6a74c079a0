import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export const mebibyte = 1024 * 1024;
/** Pages are written this much at a time, yielding in between so other requests keep being served. */
const chunkBytes = 16 * mebibyte;

/**
 * Allocates `bytes` and writes every page, so the memory is really committed and RSS rises (a zeroed
 * allocation may be lazily mapped and cost nothing until touched, which would show nothing on a graph).
 */
export async function commitMemory(bytes: number): Promise<Buffer> {
  const block = Buffer.allocUnsafe(bytes);
  for (let offset = 0; offset < bytes; offset += chunkBytes) {
    block.fill(0xa5, offset, Math.min(bytes, offset + chunkBytes));
    if (offset + chunkBytes < bytes) await yieldToEventLoop();
  }
  return block;
}
