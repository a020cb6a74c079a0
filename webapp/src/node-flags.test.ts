import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webappNodeFlags } from './node-flags.js';

const read = (p: string) => readFileSync(new URL(p, import.meta.url), 'utf8');

describe('the webapp runs with the same Node flags everywhere', () => {
  it('in the Dockerfile and in `npm run webapp` (the native backend and the benchmarks import them)', () => {
    const cmd = read('../Dockerfile').match(/^CMD (\[.*\])$/m)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...webappNodeFlags, 'webapp/src/server.js']);
    const script = JSON.parse(read('../../package.json')).scripts.webapp as string;
    expect(script).toBe(`node ${webappNodeFlags.join(' ')} dist/webapp/src/server.js`);
  });
});
