// 100 generated bad config.toml files for the config fuzz test: TOML syntax
// errors, wrong types, bad enum words, wrong nested tables, invalid UTF-8,
// odd keys and values, and unknown keys in bulk. `kind` is what the loader
// must make of each: an error (it stops) or warnings (it goes on).

export interface BadConfig {
  readonly name: string;
  readonly bytes: Buffer;
  readonly kind: 'error' | 'warning';
}

const VALID = [
  'model = "o3"',
  'approval_policy = "on-request"',
  'notify = ["notify-send", "done"]',
  '',
  '[tui]',
  'theme = "dark"',
  '',
  '[model_providers.local]',
  'name = "Local"',
  'base_url = "http://127.0.0.1:9/v1"',
  '',
  '[mcp_servers.docs]',
  'command = "npx"',
  'args = ["-y", "docs"]',
  '',
].join('\n');

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Cut points inside VALID that leave a syntax error (mid-string, mid-header, mid-array, after `=`). */
const TRUNCATIONS = ['model = "o', 'approval_policy =', 'notify = ["notify-send", "do', '[tu', '[model_providers.local', 'args = ["-y"'];

const syntax: string[] = [
  ...TRUNCATIONS.map((t) => VALID.slice(0, VALID.indexOf(t) + t.length)),
  'model = "o3" "o4"\n', 'model = o3\n', 'model = "a\\qb"\n', 'model = """open\n', "model = '''open\n",
  'notify = ["a",, "b"]\n', 'notify = [\n', 'x = {a = 1\nb = 2}\n', '[tui]\n[tui]\n', '[[tui]]\n[tui]\n',
  'a = 1\na = 2\n', '[a]\nb = 1\n[a.b]\n', 'project_doc_max_bytes = 1__0\n', 'project_doc_max_bytes = 0x\n',
  'when = 2024-13-01T00:00:00Z\n', '= "no key"\n', 'model = \n', '[ ]\n',
  'bad key = 1\n', '"unterminated key = 1\n', '[.tui]\n', 'a = [1, 2\n[tui]\n', 'a = {\n', '\u0000 = 1\n',
  `a = ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, `a = ${'{b = '.repeat(5_000)}1${'}'.repeat(5_000)}\n`,
];

const types: string[] = [
  'model = 5\n', 'model = ["o3"]\n', 'model = {name = "o3"}\n', 'model = 2024-01-01\n', 'model = {a = 1,}\n', 'model = 2024-02-30\n',
  'notify = "notify-send"\n', 'notify = [1, 2]\n', 'notify = [["a"]]\n', 'hide_agent_reasoning = "yes"\n',
  'project_doc_max_bytes = -5\n', 'project_doc_max_bytes = 1.5\n', 'project_doc_max_bytes = inf\n', 'project_doc_max_bytes = nan\n',
  'model_context_window = 0\n', 'model_context_window = 99999999999999999999\n', 'profile = []\n',
  'experimental_instructions_file = false\n', 'project_doc_fallback_filenames = "AGENTS.md"\n',
];

const enums: string[] = [
  'approval_policy = "sometimes"\n', 'approval_policy = "On-Request"\n', 'sandbox_mode = "full"\n', 'sandbox_mode = ""\n',
  'model_reasoning_effort = "max"\n', 'model_reasoning_summary = "long"\n', 'model_verbosity = "loud"\n', 'file_opener = "emacs"\n',
  'web_search = "on"\n', 'preferred_auth_method = "password"\n', '[history]\npersistence = "some"\n', '[tui]\nnotifications = ["sometimes"]\n',
  '[model_providers.local]\nname = "L"\nwire_api = "grpc"\n', '[shell_environment_policy]\ninherit = "few"\n',
];

const nested: string[] = [
  'model_providers = "local"\n', 'model_providers = { local = 3 }\n', '[model_providers.local]\nbase_url = "http://x"\n',
  '[model_providers.local]\nname = "L"\nhttp_headers = 5\n', '[model_providers.local.query_params]\napi-version = 2024\n',
  '[mcp_servers.docs]\nargs = "x"\n', '[mcp_servers.docs.env]\nA = { b = 1 }\n', '[mcp_servers.docs]\nstartup_timeout_sec = -1\n',
  'profiles = 5\n', '[[profiles]]\nmodel = "o3"\n', '[profiles.fast]\nsandbox_mode = "yolo"\n', '[tui]\ntheme = 7\n',
  '[tui.keymap]\nsubmit = 5\n', '[tui.keymap.composer]\nsubmit = [1]\n', 'projects = [1]\n', '[projects."/tmp/x"]\ntrust_level = 5\n',
  'sandbox_workspace_write = true\n', '[sandbox_workspace_write]\nwritable_roots = "/tmp"\n',
  '[shell_environment_policy]\nset = { A = 1 }\n', 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nwritable_roots = ["rel"]\n',
];

const utf8: Buffer[] = [
  Buffer.concat([text('model = "o'), Buffer.from([0xff]), text('3"\n')]),
  Buffer.concat([text('# caf'), Buffer.from([0xc3, 0x28]), text('\nmodel = "o3"\n')]),
  Buffer.concat([text('model = "o3"\n'), Buffer.from([0xc0, 0xaf]), text(' = 1\n')]),
  Buffer.concat([text('[tui]\ntheme = "'), Buffer.from([0xed, 0xa0, 0x80]), text('"\n')]),
  Buffer.concat([text('model = "o3"\nnotify = ["a"]\n# ends mid-character '), Buffer.from([0xe2, 0x82])]),
  Buffer.concat([text('k'), Buffer.from([0x80]), text(' = "v"\n')]),
];

const odd: [string, 'error' | 'warning'][] = [
  ['__proto__ = 1\n', 'warning'], ['[__proto__]\nmodel = "x"\n', 'warning'], ['constructor = "x"\n', 'warning'],
  ['[model_providers.__proto__]\nname = 5\n', 'warning'], ['[tui]\nthem = "light"\n[tui.keymap]\nsubmit = "ctrl+j"\n', 'warning'],
];

function unknownBulk(n: number, where: string): string {
  const lines = where ? [`[${where}]`] : [];
  for (let i = 0; i < n; i++) lines.push(`k${i} = ${i}`);
  return `${lines.join('\n')}\n`;
}

const bulk: string[] = [unknownBulk(25, ''), unknownBulk(2_000, ''), unknownBulk(3_000, 'tui'), unknownBulk(1_000, 'mcp_servers.docs')];

export const BAD_CONFIGS: readonly BadConfig[] = [
  ...syntax.map((s, i): BadConfig => ({ name: `syntax ${i}: ${JSON.stringify(s.slice(-40))}`, bytes: text(s), kind: 'error' })),
  ...[...types, ...enums, ...nested].map((s, i): BadConfig => ({ name: `value ${i}: ${JSON.stringify(s.slice(0, 60))}`, bytes: text(s), kind: 'error' })),
  ...utf8.map((b, i): BadConfig => ({ name: `invalid UTF-8 ${i}`, bytes: b, kind: 'error' })),
  ...odd.map(([s, kind], i): BadConfig => ({ name: `odd key ${i}: ${JSON.stringify(s)}`, bytes: text(s), kind })),
  ...bulk.map((s, i): BadConfig => ({ name: `unknown keys in bulk ${i}`, bytes: text(s), kind: 'warning' })),
];
