import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, importGraph, runtimeImports } from './import-graph.js';

const root = path.resolve(import.meta.dirname, '../..');
const graph = importGraph(root, ['cli', 'exercises', 'webapp', 'stack']);
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to })));

describe('the import graph', () => {
  it('reads static, dynamic and re-exporting imports, and leaves type-only ones out', () => {
    expect(runtimeImports(root, 'cli/program.ts')).toContain(path.join('cli', 'commands', 'up.ts'));
    expect(runtimeImports(root, 'cli/context.ts')).toEqual([]);
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no circle', () => {
    expect(circles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(circles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('exercises/ and webapp/ are data and a program of their own: they import nothing from cli/', () => {
    const climbing = edges.filter(
      (e) => (e.from.startsWith('exercises/') || e.from.startsWith('webapp/')) && e.to.startsWith('cli/'),
    );
    expect(climbing).toEqual([]);
  });

  it('the context is a type-level hub: it loads nothing', () => {
    expect(graph.get('cli/context.ts')).toEqual([]);
  });
});
