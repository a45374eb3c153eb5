/**
 * No import cycles in electron/ (issue 12): a cycle makes the order in which modules initialise
 * depend on which one is imported first (a value read during start-up may be undefined), and ties
 * layers together that should stand one on top of the other. The test reads every TypeScript file's
 * imports with the TypeScript parser and fails listing each cycle, file by file.
 * Imports that only bring types (`import type`, or every name marked `type`) are erased by the
 * compiler and cannot form a cycle at run time; they are left out. A dynamic `import()` counts: it
 * only postpones the cycle (index → databases → import('./demo') → index was one).
 * Also: the store, below the services, imports nothing from them (not even types); the web host and the
 * Electron shell import nothing of each other.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The relative imports of one file that exist at run time (not type-only), or all of them with `types`. */
export function runtimeImports(file: string, text: string, { types = false } = {}): string[] {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.ES2022,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const specs: string[] = [];
  const dynamic = (n: ts.Node): void => {
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteralLike(n.arguments[0])
    ) {
      specs.push(n.arguments[0].text);
    }
    ts.forEachChild(n, dynamic);
  };
  dynamic(sf);
  for (const st of sf.statements) {
    if (types && (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier) {
      specs.push((st.moduleSpecifier as ts.StringLiteral).text);
      continue;
    }
    if (ts.isImportDeclaration(st)) {
      const c = st.importClause;
      if (c?.isTypeOnly) continue;
      const named = c?.namedBindings;
      const onlyTypes =
        c &&
        !c.name &&
        named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      specs.push((st.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
      const named = st.exportClause;
      if (named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly))
        continue;
      specs.push((st.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  const out: string[] = [];
  for (const s of specs.filter((x) => x.startsWith('.'))) {
    const base = path.resolve(path.dirname(file), s);
    const hit = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find(
      (c) => fs.existsSync(c) && fs.statSync(c).isFile(),
    );
    if (hit) out.push(hit);
  }
  return out;
}

/** Every cycle's files in import order (one cycle per strongly connected group), by Tarjan's algorithm. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const g: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        g.push(w);
      } while (w !== v);
      if (g.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(g);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  // Within each group, one concrete cycle: the shortest path from its first file back to itself.
  return groups.map((g) => {
    const inGroup = new Set(g);
    const start = [...g].sort()[0]!;
    const prev = new Map<string, string>();
    const queue = [start];
    const seen = new Set([start]);
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!inGroup.has(w)) continue;
        if (w === start) {
          const cycle = [v];
          while (cycle[0] !== start) cycle.unshift(prev.get(cycle[0]!)!);
          return [...cycle, start];
        }
        if (!seen.has(w)) {
          seen.add(w);
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    return [...g, g[0]!];
  });
}

describe('import cycles', () => {
  it('finds a cycle and names its files in order (the checker itself)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(findCycles(g)).toEqual([
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads value imports and re-exports, not type-only ones', () => {
    const file = path.join(ROOT, 'electron/services/x.ts');
    const text = [
      "import { a } from './errors';",
      "import type { B } from './context';",
      "import { type C, type D } from './locks';",
      "import { type E, f } from './salary';",
      "export { g } from './targets';",
      "export type { H } from './scoring';",
      "import fs from 'node:fs';",
      "export async function later() { return import('./demo'); }",
    ].join('\n');
    expect(runtimeImports(file, text).map((f) => path.basename(f))).toEqual([
      'demo.ts',
      'errors.ts',
      'salary.ts',
      'targets.ts',
    ]);
    expect(runtimeImports(file, text, { types: true }).map((f) => path.basename(f))).toEqual([
      'demo.ts',
      'errors.ts',
      'context.ts',
      'locks.ts',
      'salary.ts',
      'targets.ts',
      'scoring.ts',
    ]);
  });

  it('electron/ has none', () => {
    const files = tsFiles(path.join(ROOT, 'electron'));
    expect(files.length).toBeGreaterThan(20);
    const graph = new Map(
      files.map((f) => [
        f,
        runtimeImports(f, fs.readFileSync(f, 'utf8')).filter((t) => t.startsWith(path.join(ROOT, 'electron'))),
      ]),
    );
    const cycles = findCycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)).join(' → '));
    expect(cycles, `import cycles in electron/:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('the store imports nothing from the services', () => {
    const services = path.join(ROOT, 'electron/services') + path.sep;
    const wrong = tsFiles(path.join(ROOT, 'electron/store')).flatMap((f) =>
      runtimeImports(f, fs.readFileSync(f, 'utf8'), { types: true })
        .filter((t) => t.startsWith(services))
        .map((t) => `${path.relative(ROOT, f)} → ${path.relative(ROOT, t)}`),
    );
    expect(wrong).toEqual([]);
  });

  it('the web host and the Electron shell import nothing of each other (what both use is in electron/gateway/)', () => {
    const crossing = (from: string, to: string) => {
      const target = path.join(ROOT, to) + path.sep;
      return tsFiles(path.join(ROOT, from)).flatMap((f) =>
        runtimeImports(f, fs.readFileSync(f, 'utf8'), { types: true })
          .filter((t) => t.startsWith(target))
          .map((t) => `${path.relative(ROOT, f)} → ${path.relative(ROOT, t)}`),
      );
    };
    expect([...crossing('electron/host', 'electron/main'), ...crossing('electron/main', 'electron/host')]).toEqual([]);
  });
});
