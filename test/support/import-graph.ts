// The import graph of our source folders, read with the TypeScript parser:
// static imports and re-exports, type-only ones, `import('…')` calls and
// `import('…').T` types. Each edge keeps the file:line it was written at.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

export type ImportKind = 'static' | 'type' | 'dynamic';

export interface ImportEdge {
  readonly from: string;
  readonly line: number;
  readonly to: string;
  readonly kind: ImportKind;
}

export interface ImportGraph {
  readonly files: readonly string[];
  readonly edges: readonly ImportEdge[];
  /** Dynamic imports whose specifier is not a string literal: nothing can check them. */
  readonly unresolved: readonly { from: string; line: number; text: string }[];
}

function sourceFiles(root: string, dir: string, out: string[]): void {
  for (const name of readdirSync(join(root, dir)).sort()) {
    const rel = posix.join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) sourceFiles(root, rel, out);
    else if (/\.(ts|mts|json)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
}

/** `./x.js` from `app/a/b.ts` → `app/a/x.ts` (the source file the built one comes from). */
function resolveSpecifier(from: string, spec: string): string {
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
}

function importsOf(file: string, text: string, edges: ImportEdge[], unresolved: ImportGraph['unresolved'][number][]): void {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const add = (node: ts.Node, spec: ts.Node | undefined, kind: ImportKind) => {
    if (!spec || !ts.isStringLiteralLike(spec)) {
      unresolved.push({ from: file, line: lineOf(node), text: node.getText(sf) });
      return;
    }
    if (spec.text.startsWith('.')) edges.push({ from: file, line: lineOf(node), to: resolveSpecifier(file, spec.text), kind });
  };
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) {
      const clause = n.importClause;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings)
        && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(n, n.moduleSpecifier, typeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier) {
      add(n, n.moduleSpecifier, n.isTypeOnly ? 'type' : 'static');
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      add(n, n.moduleReference.expression, n.isTypeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(n, n.arguments[0], 'dynamic');
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      add(n, n.argument.literal, 'type');
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}

export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const files: string[] = [];
  for (const d of dirs) sourceFiles(root, d, files);
  const edges: ImportEdge[] = [];
  const unresolved: ImportGraph['unresolved'][number][] = [];
  for (const f of files) if (f.endsWith('.ts') || f.endsWith('.mts')) importsOf(f, readFileSync(join(root, f), 'utf8'), edges, unresolved);
  return { files, edges, unresolved };
}

/** Every cycle's strongly connected component (Tarjan), files sorted; self-imports count. */
export function cycles(files: readonly string[], edges: readonly ImportEdge[]): string[][] {
  const out = new Map<string, string[]>();
  for (const e of edges) (out.get(e.from) ?? out.set(e.from, []).get(e.from)!).push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  // Iterative, so a deep chain of imports cannot overflow the call stack.
  for (const start of files) {
    if (index.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    index.set(start, next); low.set(start, next++); stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const succ = out.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++]!;
        if (!index.has(w)) {
          index.set(w, next); low.set(w, next++); stack.push(w); onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) { const up = work[work.length - 1]!.v; low.set(up, Math.min(low.get(up)!, low.get(top.v)!)); }
      if (low.get(top.v) === index.get(top.v)) {
        const scc: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== top.v);
        if (scc.length > 1 || succ.includes(top.v)) found.push(scc.sort());
      }
    }
  }
  return found;
}
