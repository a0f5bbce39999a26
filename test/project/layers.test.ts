// The layer map (DESIGN.md, README "Layout and layers") as a test: every import
// in app/, widgets/ and keymaps/ (static, type-only, dynamic) must go where
// test/project/layers.json allows, and no files may import each other in a
// cycle. A failure names the file:line of each offending import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cycles, readImportGraph, type ImportEdge } from '../support/import-graph.js';

interface LayerMap {
  leaves: string[];
  layers: Record<string, { paths: string[]; imports: string[]; what: string }>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const map = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8')) as LayerMap;
const graph = readImportGraph(root, ['app', 'widgets', 'keymaps']);

/** The layer of a file: the one whose path matches longest. */
export function layerOf(m: LayerMap, file: string): string | undefined {
  let best: { name: string; len: number } | undefined;
  for (const [name, l] of Object.entries(m.layers)) {
    for (const p of l.paths) {
      const hit = p.endsWith('/') ? file.startsWith(p) : file === p;
      if (hit && (!best || p.length > best.len)) best = { name, len: p.length };
    }
  }
  return best?.name;
}

/** Why an import breaks the map, or undefined when it is allowed. */
export function violation(m: LayerMap, e: ImportEdge): string | undefined {
  const from = layerOf(m, e.from);
  const to = layerOf(m, e.to);
  if (!from || !to) return undefined; // unmapped files are reported on their own
  if (from === to || m.leaves.includes(to) || m.layers[from]!.imports.includes(to)) return undefined;
  return `${e.from}:${e.line}: ${from} may not import ${to} (${e.kind} import of ${e.to})`;
}

test('the layer map names real layers, and each leaf imports nothing', () => {
  for (const [name, l] of Object.entries(map.layers)) {
    for (const i of l.imports) assert.ok(map.layers[i], `layers.json: ${name}.imports names an unknown layer "${i}"`);
  }
  for (const leaf of map.leaves) assert.deepEqual(map.layers[leaf]?.imports, [], `layers.json: leaf "${leaf}" must import nothing`);
});

test('every source file belongs to a layer', () => {
  const unmapped = graph.files.filter((f) => !layerOf(map, f));
  assert.deepEqual(unmapped, [], 'add these files to a layer in test/project/layers.json');
});

test('every import goes where the layer map allows', () => {
  assert.ok(graph.edges.length > 300, `only ${graph.edges.length} imports read: is the scanner broken?`);
  const bad = graph.edges.map((e) => violation(map, e)).filter((v) => v !== undefined);
  assert.deepEqual(bad, [], `imports against the layer map:\n${bad.join('\n')}`);
});

test('every dynamic import names its module literally', () => {
  const bad = graph.unresolved.map((u) => `${u.from}:${u.line}: ${u.text}`);
  assert.deepEqual(bad, [], `the layer map cannot check these:\n${bad.join('\n')}`);
});

/** The shortest import loop from `start` back to it inside one cycle's files, as file:line → target lines. */
function loopThrough(start: string, inside: Set<string>): string[] {
  const back = new Map<string, ImportEdge>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const e of graph.edges) {
      if (e.from !== queue[i] || !inside.has(e.to)) continue;
      if (e.to === start) {
        const path = [e];
        for (let at = e.from; at !== start; at = back.get(at)!.from) path.unshift(back.get(at)!);
        return path.map((p) => `    ${p.from}:${p.line} → ${p.to}`);
      }
      if (!back.has(e.to)) { back.set(e.to, e); queue.push(e.to); }
    }
  }
  return [];
}

test('no import cycles', () => {
  const lines = cycles(graph.files, graph.edges).map((scc) => `cycle (${scc.length} files), e.g.:\n${loopThrough(scc[0]!, new Set(scc)).join('\n')}`);
  assert.deepEqual(lines, [], lines.join('\n'));
});
