import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { WatchView } from './render.js';
import { watchScreen } from './screen.js';

function output() {
  const written: string[] = [];
  const stdout = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        written.push(String(chunk));
        done();
      },
    }),
    { columns: 60, rows: 20 },
  );
  return { stdout, written };
}

const view = (): WatchView => ({ exercises: [], parts: {}, showHint: false, status: 'watching' });

describe('watchScreen', () => {
  it('without a terminal: a banner, a line per problem and per recovery, no escape codes', () => {
    const { stdout, written } = output();
    const v = view();
    const screen = watchScreen({ stdout, interactive: false, color: false }, v);
    screen.open('watching http://p:9090');
    screen.problem('prometheus', 'Prometheus at http://p:9090 does not answer; your passes are kept');
    expect(v.problem).toBe('Prometheus at http://p:9090 does not answer; your passes are kept');
    screen.problem('prometheus', undefined, 'Prometheus at http://p:9090 answers again');
    expect(v.problem).toBeUndefined();
    screen.show([], 'watching again');
    screen.close();
    expect(written).toEqual([
      'workshop watch: grading your work as you go (watching http://p:9090); Ctrl-C stops\n',
      '! Prometheus at http://p:9090 does not answer; your passes are kept\n',
      'Prometheus at http://p:9090 answers again\n',
    ]);
    expect(v.status).toBe('watching again');
    expect(stdout.listenerCount('resize')).toBe(0);
  });

  it('on a terminal: hides the cursor, redraws the whole screen on each change and on resize, shows it again at the end', () => {
    const { stdout, written } = output();
    const v = view();
    const screen = watchScreen({ stdout, interactive: true, color: false }, v);
    screen.open('watching');
    expect(written).toEqual(['\x1b[?25l']);
    screen.toggleHint();
    expect(v.showHint).toBe(true);
    expect(written[1]?.startsWith('\x1b[H\x1b[2J')).toBe(true);
    expect(written[1]).toContain('h hide the hint');
    stdout.emit('resize');
    expect(written).toHaveLength(3);
    screen.close();
    expect(written.at(-1)).toBe('\x1b[?25h\n');
    stdout.emit('resize');
    expect(written).toHaveLength(4);
  });
});
