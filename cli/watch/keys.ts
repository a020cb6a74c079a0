import type { Context } from '../context.js';

/** What a key pressed in `workshop watch` asks for. */
export type KeyAction = 'quit' | 'hint' | 'interrupt';

/** q quits, h toggles the hint; Ctrl-C, which raw mode delivers as a key, interrupts. */
export function keyAction(data: Buffer | string): KeyAction | undefined {
  const key = String(data);
  if (key === 'q') return 'quit';
  if (key === 'h') return 'hint';
  if (key === '\u0003') return 'interrupt';
  return undefined;
}

export interface Keys {
  /** Aborted by q or Ctrl-C. */
  stopped: AbortSignal;
  onHint(fn: () => void): void;
  /** Whether Ctrl-C (not q) stopped it: the exit code is then 130. */
  interrupted(): boolean;
  /** Gives the terminal back as it was. */
  close(): void;
}

/** Keys read in raw mode from a terminal; without one (or not interactive), none ever come. */
export function listenForKeys(ctx: Pick<Context, 'stdin' | 'interactive'>): Keys {
  const input = ctx.stdin;
  const stop = new AbortController();
  let hint = () => {};
  let ctrlC = false;
  const onData = (data: Buffer | string) => {
    const action = keyAction(data);
    if (action === 'hint') hint();
    if (action === 'interrupt') ctrlC = true;
    if (action === 'quit' || action === 'interrupt') stop.abort();
  };
  const raw = Boolean(input?.isTTY && input.setRawMode && ctx.interactive);
  if (raw && input) {
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  }
  return {
    stopped: stop.signal,
    onHint: (fn) => {
      hint = fn;
    },
    interrupted: () => ctrlC,
    close: () => {
      if (raw && input) {
        input.off('data', onData);
        input.setRawMode?.(false);
        input.pause();
      }
    },
  };
}
