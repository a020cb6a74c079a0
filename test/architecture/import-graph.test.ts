import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { circles, cliLayers, climbs, importGraph, layerOf, runtimeImports } from './import-graph.js';

const root = path.resolve(import.meta.dirname, '../..');
const graph = importGraph(root, ['cli', 'exercises', 'webapp', 'stack']);
/** The README row a file is in, as the table names it. */
const row = (file: string) => cliLayers[layerOf(file)]?.join(', ') ?? 'the floor';
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

  it('no cli/ import climbs to a layer above it (the order of cli/README.md)', () => {
    const known = (e: { from: string; to: string }) =>
      knownClimbs.some((k) => k.from === e.from && k.to === e.to);
    const climbing = climbs(graph)
      .filter((e) => !known(e))
      .map((e) => `${e.from} (in ${row(e.from)}) imports ${e.to} (in ${row(e.to)}, a row above it)`);
    expect(climbing).toEqual([]);
  });

  it('the known climbs are still there: a fixed one leaves this list', () => {
    const now = climbs(graph);
    for (const k of knownClimbs) expect(now).toContainEqual(k);
  });

  it("cli/README.md's table names every folder of cli/, in the layers' order", () => {
    const readme = readFileSync(path.join(root, 'cli', 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => l.startsWith('| `'));
    const named = rows.map((row) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect(named.slice(0, cliLayers.length)).toEqual(cliLayers);
    const folders = readdirSync(path.join(root, 'cli'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'bin')
      .map((e) => `${e.name}/`);
    expect(folders.filter((f) => !cliLayers.flat().includes(f))).toEqual([]);
  });

  it('sees a climb, and tells which import it is', () => {
    const g = new Map([
      [
        path.join('cli', 'stack', 'native.ts'),
        [path.join('cli', 'commands', 'up.ts'), path.join('cli', 'errors.ts')],
      ],
      [path.join('cli', 'commands', 'up.ts'), [path.join('cli', 'stack', 'native.ts')]],
      [
        path.join('cli', 'grading', 'dataset', 'workload.ts'),
        [path.join('cli', 'grading', 'judge-query.ts')],
      ],
    ]);
    expect(climbs(g)).toEqual([
      { from: path.join('cli', 'stack', 'native.ts'), to: path.join('cli', 'commands', 'up.ts') },
      {
        from: path.join('cli', 'grading', 'dataset', 'workload.ts'),
        to: path.join('cli', 'grading', 'judge-query.ts'),
      },
    ]);
    expect(layerOf('cli/session.ts')).toBe(cliLayers.findIndex((row) => row.includes('session.ts')));
    expect(layerOf('cli/errors.ts')).toBe(cliLayers.length);
  });
});

/** Climbs known today, each to be fixed (and then removed here): none left. */
const knownClimbs: { from: string; to: string }[] = [];
