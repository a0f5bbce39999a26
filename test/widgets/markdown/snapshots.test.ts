// Markdown answers through the real widget tree (an assistant message cell in
// a transcript) and the real renderer into @xterm/headless, at 120×40, 80×24
// and 40×20, compared with snapshots/markdown/*.txt (UPDATE_SNAPSHOTS=1
// rewrites them). Highlighted code is compared with its colours, in both themes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AssistantMessageCell } from '../../../widgets/transcript/cells/message.js';
import { Transcript } from '../../../widgets/transcript/transcript.js';
import { expectScreen } from '../../support/screen.js';

const SIZES = [
  [120, 40],
  [80, 24],
  [40, 20],
] as const;

function answer(text: string): Transcript {
  const t = new Transcript();
  t.add(new AssistantMessageCell(text));
  return t;
}

const draw = (t: Transcript) => (surface: Parameters<Transcript['renderWindow']>[0], area: Parameters<Transcript['renderWindow']>[1]) => t.renderWindow(surface, area, 0);

const WIDE_TABLE = [
  'The options that matter most:',
  '',
  '| Option | Type | Default | What it does |',
  '| --- | --- | --- | --- |',
  '| `sandbox_mode` | string | `read-only` | How commands run: read-only, workspace-write, or danger-full-access when the machine is already isolated |',
  '| `approval_policy` | string | `on-request` | When Codex asks before running a command: untrusted, on-failure, on-request or never |',
  '| `model_reasoning_effort` | string | `medium` | How long the model thinks before it answers; higher costs more tokens and time |',
  '',
  'Set them in `~/.codex/config.toml`.',
].join('\n');

const ALIGNED_TABLE = [
  '| File | Lines | Change | Status |',
  '| :--- | ---: | :---: | --- |',
  '| src/main.rs | 1204 | +12 −3 | **reviewed** |',
  '| src/lib.rs | 88 | +1 | pending |',
  '| tests/integration_parser_roundtrip.rs | 15 | new | *draft* |',
].join('\n');

const NESTED = [
  '1. Install the tools:',
  '   - **rustup** from the website',
  '   - the components:',
  '',
  '     ```sh',
  '     rustup component add clippy rustfmt',
  '     ```',
  '',
  '     Then check the versions.',
  '2. Build:',
  '',
  '   ```sh',
  '   cargo build --release',
  '   ```',
  '',
  'An indented code block:',
  '',
  '    fn main() {',
  '        println!("hello");',
  '    }',
  '',
  'Done.',
].join('\n');

const CODE = [
  '```python',
  'import os',
  '',
  'def read_config(path: str) -> dict:',
  '    """Reads the config, or the defaults."""',
  '    if not os.path.exists(path):',
  '        return {"model": "gpt-5", "retries": 3}  # defaults',
  '    with open(path) as f:',
  '        return json.load(f)',
  '```',
  '',
  '```ts',
  'interface Config { model: string; retries: number }',
  'export async function load(path: string): Promise<Config> {',
  '  const text = await readFile(path, "utf8"); // may throw',
  '  return { model: "gpt-5", retries: 3, ...JSON.parse(text) };',
  '}',
  '```',
  '',
  '```bash',
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  'for f in src/*.rs; do',
  '  echo "checking $f" && cargo fmt -- --check "$f"',
  'done',
  '```',
].join('\n');

for (const [cols, rows] of SIZES) {
  test(`a 4-column table with long cells at ${cols}x${rows}: a grid, cells wrapped in their columns`, async () => {
    const s = await expectScreen(`markdown/wide-table-${cols}x${rows}`, draw(answer(WIDE_TABLE)), { cols, rows });
    assert.doesNotMatch(s.text, /\| *Option|\| *---/, 'no raw pipes');
  });

  test(`a table with alignment at ${cols}x${rows}`, async () => {
    await expectScreen(`markdown/aligned-table-${cols}x${rows}`, draw(answer(ALIGNED_TABLE)), { cols, rows, colors: true });
  });

  test(`nested lists with code blocks inside items, and an indented code block, at ${cols}x${rows}`, async () => {
    const s = await expectScreen(`markdown/nested-${cols}x${rows}`, draw(answer(NESTED)), { cols, rows });
    assert.doesNotMatch(s.text, /```/, 'fences are recognised inside list items');
  });

  for (const theme of ['dark', 'light']) {
    test(`highlighted Python, TypeScript and shell at ${cols}x${rows}, ${theme} theme`, async () => {
      await expectScreen(`markdown/code-${theme}-${cols}x${rows}`, draw(answer(CODE)), { cols, rows, theme, colors: true });
    });
  }
}
