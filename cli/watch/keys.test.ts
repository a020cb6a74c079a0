import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { keyAction, listenForKeys } from './keys.js';

/** A terminal's stdin: a stream with isTTY and setRawMode, recording the raw mode it was put in. */
function terminalInput(isTTY = true) {
  const modes: boolean[] = [];
  const input = Object.assign(new PassThrough(), {
    isTTY,
    setRawMode: (raw: boolean) => {
      modes.push(raw);
    },
  });
  return { input, modes };
}

describe('keyAction', () => {
  it.each([
    ['q', 'quit'],
    ['h', 'hint'],
    ['\u0003', 'interrupt'],
    [Buffer.from('q'), 'quit'],
    ['x', undefined],
    ['Q', undefined],
    ['qq', undefined],
    ['\u001b[A', undefined],
  ] as const)('%j is %s', (key, action) => {
    expect(keyAction(key)).toBe(action);
  });
});

describe('listenForKeys', () => {
  it('reads an interactive terminal in raw mode: h calls the hint, q stops without interrupting, close restores', () => {
    const { input, modes } = terminalInput();
    const keys = listenForKeys({ stdin: input, interactive: true });
    let hints = 0;
    keys.onHint(() => hints++);
    input.emit('data', 'h');
    input.emit('data', 'h');
    expect(hints).toBe(2);
    expect(keys.stopped.aborted).toBe(false);
    input.emit('data', 'q');
    expect(keys.stopped.aborted).toBe(true);
    expect(keys.interrupted()).toBe(false);
    keys.close();
    expect(modes).toEqual([true, false]);
    expect(input.listenerCount('data')).toBe(0);
  });

  it('Ctrl-C in raw mode stops and counts as an interrupt', () => {
    const { input } = terminalInput();
    const keys = listenForKeys({ stdin: input, interactive: true });
    input.emit('data', '\u0003');
    expect(keys.stopped.aborted).toBe(true);
    expect(keys.interrupted()).toBe(true);
    keys.close();
  });

  it.each([
    ['not a terminal', false, true],
    ['not interactive (CI)', true, false],
  ])('leaves stdin alone when it is %s', (_why, isTTY, interactive) => {
    const { input, modes } = terminalInput(isTTY);
    const keys = listenForKeys({ stdin: input, interactive });
    input.emit('data', 'q');
    expect(keys.stopped.aborted).toBe(false);
    keys.close();
    expect(modes).toEqual([]);
  });

  it('works without any stdin', () => {
    const keys = listenForKeys({ interactive: true });
    expect(keys.interrupted()).toBe(false);
    keys.close();
  });
});
