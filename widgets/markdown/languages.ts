// The languages fenced code is highlighted in: a fence's tag (or a common
// alias of it) → a loader of its CodeMirror stream mode. Each mode is its own
// chunk, loaded the first time a block in that language appears. A tag not
// listed here renders plain. Stream modes tokenize line by line with a
// copyable state, which is what lets highlighting go in slices of lines.
import type { StreamParser } from '@codemirror/streamparser';

export type Mode = StreamParser<unknown>;

const MODES: Record<string, () => Promise<Mode>> = {
  python: () => import('@codemirror/legacy-modes/mode/python').then((m) => m.python),
  javascript: () => import('@codemirror/legacy-modes/mode/javascript').then((m) => m.javascript),
  typescript: () => import('@codemirror/legacy-modes/mode/javascript').then((m) => m.typescript),
  json: () => import('@codemirror/legacy-modes/mode/javascript').then((m) => m.json),
  shell: () => import('@codemirror/legacy-modes/mode/shell').then((m) => m.shell),
  rust: () => import('@codemirror/legacy-modes/mode/rust').then((m) => m.rust),
  go: () => import('@codemirror/legacy-modes/mode/go').then((m) => m.go),
  c: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.c),
  cpp: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.cpp),
  java: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.java),
  csharp: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.csharp),
  kotlin: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.kotlin),
  scala: () => import('@codemirror/legacy-modes/mode/clike').then((m) => m.scala),
  ruby: () => import('@codemirror/legacy-modes/mode/ruby').then((m) => m.ruby),
  sql: () => import('@codemirror/legacy-modes/mode/sql').then((m) => m.standardSQL),
  yaml: () => import('@codemirror/legacy-modes/mode/yaml').then((m) => m.yaml),
  toml: () => import('@codemirror/legacy-modes/mode/toml').then((m) => m.toml),
  css: () => import('@codemirror/legacy-modes/mode/css').then((m) => m.css),
  html: () => import('@codemirror/legacy-modes/mode/xml').then((m) => m.html),
  xml: () => import('@codemirror/legacy-modes/mode/xml').then((m) => m.xml),
  diff: () => import('@codemirror/legacy-modes/mode/diff').then((m) => m.diff),
  dockerfile: () => import('@codemirror/legacy-modes/mode/dockerfile').then((m) => m.dockerFile),
  lua: () => import('@codemirror/legacy-modes/mode/lua').then((m) => m.lua),
  swift: () => import('@codemirror/legacy-modes/mode/swift').then((m) => m.swift),
};

const ALIASES: Record<string, string> = {
  py: 'python', python3: 'python',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  jsonc: 'json', json5: 'json',
  sh: 'shell', bash: 'shell', zsh: 'shell', console: 'shell', shellscript: 'shell', 'shell-session': 'shell',
  rs: 'rust', golang: 'go', h: 'c', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp',
  cs: 'csharp', 'c#': 'csharp', kt: 'kotlin', kts: 'kotlin', rb: 'ruby',
  yml: 'yaml', htm: 'html', svg: 'xml', patch: 'diff', docker: 'dockerfile',
};

/** The canonical language of a fence tag (`py`, `Python`, `python {.x}`), or undefined when not highlighted. */
export function languageOf(tag: string): string | undefined {
  const t = tag.trim().split(/[\s{,]/)[0]!.toLowerCase();
  const name = ALIASES[t] ?? t;
  return Object.hasOwn(MODES, name) ? name : undefined;
}

/** A loaded mode, or null when its chunk failed to load (the language then renders plain). */
const loaded = new Map<string, Mode | null>();
const loading = new Map<string, Promise<void>>();

/**
 * The mode of a canonical language: the mode, null when it cannot load, or
 * undefined while loading (the first ask starts the load; `onLoaded` runs when it ends).
 */
export function modeOf(lang: string, onLoaded: () => void): Mode | null | undefined {
  const mode = loaded.get(lang);
  if (mode !== undefined) return mode;
  if (!loading.has(lang)) {
    const load = MODES[lang]!().then(
      (m) => void loaded.set(lang, m),
      () => void loaded.set(lang, null),
    );
    loading.set(lang, load.then(onLoaded));
  }
  return undefined;
}

/** Resolves when every language asked for so far has loaded (or failed to). */
export async function languagesLoaded(): Promise<void> {
  await Promise.all(loading.values());
}
