import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Source files (not tests) under `dirs`, relative to `root`. */
export function sourceFiles(root: string, dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(rel);
      } else if (/\.ts$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name)) out.push(rel);
    }
  };
  for (const d of dirs) walk(d);
  return out.sort();
}

/**
 * The relative imports of a file that load code at run time: static and dynamic `import`s and
 * `export … from`, without `import type` (erased by the compiler, so never a load-order circle).
 */
export function runtimeImports(root: string, file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const specs: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause !== undefined &&
          clause.name === undefined &&
          clause.namedBindings !== undefined &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (!node.isTypeOnly) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

export type ImportGraph = Map<string, string[]>;

export function importGraph(root: string, dirs: string[]): ImportGraph {
  return new Map(sourceFiles(root, dirs).map((f) => [f, runtimeImports(root, f)]));
}

/** Every circle of imports (Tarjan's strongly connected components of more than one file, or a self-import). */
export function circles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

/**
 * cli/'s layers from the top down, as cli/README.md's table lists them: a file may import from its
 * own layer and the ones below it, never from one above. A folder is named with a trailing slash
 * (the longest one that contains a file decides), a root file by its name; root files not named
 * are the floor.
 */
export const cliLayers: readonly (readonly string[])[] = [
  ['main.ts', 'run-main.ts', 'program.ts', 'node-context.ts'],
  ['commands/'],
  ['steps/'],
  ['session.ts'],
  ['phases/'],
  ['watch/', 'learner/', 'class/'],
  ['reporters/'],
  ['grafana/'],
  ['grading/'],
  ['checks/'],
  ['progress-exporter/'],
  ['querylog/'],
  ['stack/'],
  ['traffic/', 'ui/'],
  ['grading/dataset/'],
  ['prometheus/', 'http/'],
];

/** The layer of a file under cli/ (0 is the top); the floor is below every named layer. */
export function layerOf(file: string, layers = cliLayers): number {
  const rel = file
    .split(path.sep)
    .join('/')
    .replace(/^cli\//, '');
  let best = { layer: layers.length, length: 0 };
  layers.forEach((names, layer) => {
    for (const name of names) {
      const hit = name.endsWith('/') ? rel.startsWith(name) : rel === name;
      if (hit && name.length > best.length) best = { layer, length: name.length };
    }
  });
  return best.layer;
}

/** Every import between cli/ files that climbs to a layer above the importer's. */
export function climbs(graph: ImportGraph, layers = cliLayers): { from: string; to: string }[] {
  return [...graph].flatMap(([from, tos]) =>
    from.startsWith(`cli${path.sep}`)
      ? tos
          .filter((to) => to.startsWith(`cli${path.sep}`) && layerOf(to, layers) < layerOf(from, layers))
          .map((to) => ({ from, to }))
      : [],
  );
}
