import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, findCodexHome, loadConfig } from '../../app/config/index.js';
import { cliVersion } from '../../app/config/version.js';
import { tempHome } from './home.js';
import { initGitRepo } from '../support/cli.js';

const env = {}; // providers must not depend on the developer's environment

test('a missing config.toml gives the defaults', async () => {
  const home = tempHome();
  const c = await loadConfig({ codexHome: home, env, overrides: { cwd: tmpdir() } });
  assert.equal(c.codexHome, home);
  assert.equal(c.cwd, tmpdir());
  assert.equal(c.model, 'gpt-5');
  assert.equal(c.modelProviderId, 'openai');
  assert.equal(c.approvalPolicy, 'on-request');
  assert.deepEqual(c.sandboxPolicy, { mode: 'read-only' });
  assert.equal(c.shellEnvironmentPolicy.inherit, 'all');
  assert.equal(c.projectDocMaxBytes, 32768);
  assert.equal(c.historyPersistence, 'save-all');
  assert.equal(c.fileOpener, 'vscode');
  assert.equal(c.tui.theme, 'dark');
  assert.equal(c.webSearch, false);
  assert.deepEqual(c.warnings, []);
});

test('the built-in openai provider', async () => {
  const c = await loadConfig({ codexHome: tempHome(), env });
  assert.deepEqual(c.provider, {
    id: 'openai', name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', wireApi: 'responses',
    queryParams: {}, httpHeaders: { version: cliVersion() },
    envHttpHeaders: { 'OpenAI-Organization': 'OPENAI_ORGANIZATION', 'OpenAI-Project': 'OPENAI_PROJECT' },
    requestMaxRetries: 4, streamMaxRetries: 5, streamIdleTimeoutMs: 300000, requiresOpenaiAuth: true,
  });
  const viaEnv = await loadConfig({ codexHome: tempHome(), env: { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
  assert.equal(viaEnv.provider.baseUrl, 'http://127.0.0.1:9/v1');
});

test('--oss selects the oss provider and gpt-oss:20b unless -m is given', async () => {
  const home = tempHome({ 'config.toml': 'model = "o3"\n' });
  const c = await loadConfig({ codexHome: home, env, overrides: { oss: true } });
  assert.equal(c.modelProviderId, 'oss');
  assert.equal(c.model, 'gpt-oss:20b');
  assert.equal(c.provider.baseUrl, 'http://localhost:11434/v1');
  assert.equal(c.provider.wireApi, 'chat');
  assert.equal(c.provider.requiresOpenaiAuth, false);
  const m = await loadConfig({ codexHome: home, env: { CODEX_OSS_PORT: '9999' }, overrides: { oss: true, model: 'qwen' } });
  assert.equal(m.model, 'qwen');
  assert.equal(m.provider.baseUrl, 'http://localhost:9999/v1');
  const b = await loadConfig({ codexHome: home, env: { CODEX_OSS_BASE_URL: 'http://gpu:1/v1' }, cliOverrides: ['model_provider=oss'] });
  assert.equal(b.provider.baseUrl, 'http://gpu:1/v1');
  assert.equal(b.model, 'o3');
  // Ollama's OpenAI API is under /v1: a bare host means that.
  const bare = await loadConfig({ codexHome: home, env: { CODEX_OSS_BASE_URL: 'http://gpu:11434/' }, overrides: { oss: true } });
  assert.equal(bare.provider.baseUrl, 'http://gpu:11434/v1');
});

test('a custom provider is resolved with defaults and capped retries', async () => {
  const home = tempHome({
    'config.toml': `model_provider = "azure"
[model_providers.azure]
name = "Azure"
base_url = "https://x.openai.azure.com/openai/"
env_key = "AZURE_OPENAI_API_KEY"
wire_api = "responses"
query_params = { api-version = "2025-04-01-preview" }
request_max_retries = 1000
`,
  });
  const c = await loadConfig({ codexHome: home, env });
  assert.deepEqual(c.provider, {
    id: 'azure', name: 'Azure', baseUrl: 'https://x.openai.azure.com/openai', envKey: 'AZURE_OPENAI_API_KEY', wireApi: 'responses',
    queryParams: { 'api-version': '2025-04-01-preview' }, httpHeaders: {}, envHttpHeaders: {},
    requestMaxRetries: 100, streamMaxRetries: 5, streamIdleTimeoutMs: 300000, requiresOpenaiAuth: false,
  });
});

test('user entries cannot override built-in providers, and saying so is a warning', async () => {
  const home = tempHome({ 'config.toml': '[model_providers.openai]\nname = "Mine"\nbase_url = "http://evil"\n' });
  const c = await loadConfig({ codexHome: home, env });
  assert.equal(c.provider.name, 'OpenAI');
  assert.equal(c.provider.baseUrl, 'https://api.openai.com/v1');
  assert.match(c.warnings.join('\n'), /config\.toml:1:1: `model_providers\.openai` is a built-in provider and cannot be redefined/);
});

test('an unknown provider is an error', async () => {
  await assert.rejects(loadConfig({ codexHome: tempHome(), env, cliOverrides: ['model_provider=nope'] }), { name: 'ConfigError', message: 'Model provider `nope` not found' });
});

test('precedence: defaults < file < profile < -c < typed flags', async () => {
  const home = tempHome({
    'config.toml': `model = "file-model"
approval_policy = "untrusted"
sandbox_mode = "workspace-write"
model_reasoning_effort = "low"
hide_agent_reasoning = true
profile = "p"
[profiles.p]
model = "profile-model"
approval_policy = "on-failure"
model_reasoning_effort = "high"
`,
  });
  const base = { codexHome: home, env };
  const file = await loadConfig({ ...base, overrides: { profile: undefined } });
  assert.equal(file.model, 'profile-model', 'profile = "p" selects the profile');
  assert.equal(file.activeProfile, 'p');
  assert.equal(file.approvalPolicy, 'on-failure');
  assert.equal(file.reasoningEffort, 'high');
  assert.equal(file.hideAgentReasoning, true, 'file keys the profile does not set stay');
  assert.equal(file.sandboxPolicy.mode, 'workspace-write');
  assert.equal(file.reasoningSummary, undefined, 'unset keys keep their defaults');

  const cli = await loadConfig({ ...base, cliOverrides: ['model=cli-model', 'approval_policy=never'] });
  assert.equal(cli.model, 'cli-model');
  assert.equal(cli.approvalPolicy, 'never');
  assert.equal(cli.reasoningEffort, 'high');

  const flags = await loadConfig({ ...base, cliOverrides: ['model=cli-model', 'sandbox_mode=read-only'], overrides: { model: 'flag-model', sandboxMode: 'danger-full-access', approvalPolicy: 'untrusted' } });
  assert.equal(flags.model, 'flag-model');
  assert.equal(flags.sandboxPolicy.mode, 'danger-full-access');
  assert.equal(flags.approvalPolicy, 'untrusted');
});

test('-p picks a profile over `profile =`, and -c can edit profiles', async () => {
  const home = tempHome({ 'config.toml': 'profile = "a"\n[profiles.a]\nmodel = "ma"\n[profiles.b]\nmodel = "mb"\n' });
  assert.equal((await loadConfig({ codexHome: home, env, overrides: { profile: 'b' } })).model, 'mb');
  assert.equal((await loadConfig({ codexHome: home, env, cliOverrides: ['profile=b'] })).model, 'mb');
  assert.equal((await loadConfig({ codexHome: home, env, cliOverrides: ['profiles.a.model=edited'] })).model, 'edited');
  assert.equal((await loadConfig({ codexHome: home, env, cliOverrides: ['profiles.new.model=n'], overrides: { profile: 'new' } })).model, 'n');
});

test('a missing profile is an error naming it', async () => {
  const home = tempHome({ 'config.toml': '[profiles.a]\nmodel = "x"\n' });
  await assert.rejects(loadConfig({ codexHome: home, env, overrides: { profile: 'zzz' } }), (e: unknown) => e instanceof ConfigError && /^config profile `zzz` not found in .*config\.toml$/.test(e.message));
  const named = tempHome({ 'config.toml': 'profile = "gone"\n' });
  await assert.rejects(loadConfig({ codexHome: named, env }), /config profile `gone` not found/);
});

test('sandbox_workspace_write shapes the workspace-write policy', async () => {
  const home = tempHome({ 'config.toml': 'sandbox_mode = "workspace-write"\n[sandbox_workspace_write]\nwritable_roots = ["/data"]\nnetwork_access = true\n' });
  const c = await loadConfig({ codexHome: home, env });
  assert.deepEqual(c.sandboxPolicy, { mode: 'workspace-write', writableRoots: ['/data'], networkAccess: true, excludeTmpdirEnvVar: false, excludeSlashTmp: false });
});

test('a trusted project defaults to workspace-write', async () => {
  const proj = realpathSync(tempHome());
  initGitRepo(proj);
  mkdirSync(join(proj, 'sub'));
  const home = tempHome({ 'config.toml': `[projects.${JSON.stringify(proj)}]\ntrust_level = "trusted"\n` });
  assert.equal((await loadConfig({ codexHome: home, env, overrides: { cwd: join(proj, 'sub') } })).sandboxPolicy.mode, 'workspace-write');
  assert.equal((await loadConfig({ codexHome: home, env, overrides: { cwd: tmpdir() } })).sandboxPolicy.mode, 'read-only');
});

test('-C must be an existing directory; relative paths are resolved', async () => {
  const home = tempHome();
  await assert.rejects(loadConfig({ codexHome: home, env, overrides: { cwd: '/definitely/not/here' } }), { name: 'ConfigError', message: '-C/--cd: directory "/definitely/not/here" does not exist' });
  writeFileSync(join(home, 'file'), '');
  await assert.rejects(loadConfig({ codexHome: home, env, overrides: { cwd: join(home, 'file') } }), /is not a directory/);
  const c = await loadConfig({ codexHome: home, env, overrides: { cwd: '.' } });
  assert.equal(c.cwd, process.cwd());
});

test('experimental_instructions_file is read relative to the working root', async () => {
  const home = tempHome({ 'prompt.md': 'Be brief.\n', 'config.toml': 'experimental_instructions_file = "prompt.md"\n' });
  const c = await loadConfig({ codexHome: home, env, overrides: { cwd: home } });
  assert.equal(c.baseInstructionsOverride, 'Be brief.\n');
  await assert.rejects(loadConfig({ codexHome: home, env, overrides: { cwd: tmpdir() } }), /config\.toml:1:1: cannot read experimental_instructions_file/);
});

test('the Config is deeply frozen', async () => {
  const c = await loadConfig({ codexHome: tempHome({ 'config.toml': '[mcp_servers.x]\ncommand = "srv"\nargs = ["a"]\n' }), env });
  assert.throws(() => {
    (c as { model: string }).model = 'x';
  }, TypeError);
  assert.ok(Object.isFrozen(c.provider));
  assert.ok(Object.isFrozen(c.mcpServers.x!.args));
  assert.deepEqual(c.mcpServers.x, { command: 'srv', args: ['a'], enabled: true });
});

test('--search / tools.web_search and the web_search_request alias', async () => {
  const home = tempHome({ 'config.toml': '[tools]\nweb_search_request = true\n' });
  assert.equal((await loadConfig({ codexHome: home, env })).webSearch, true);
  assert.equal((await loadConfig({ codexHome: tempHome(), env, cliOverrides: ['tools.web_search=true'] })).webSearch, true);
});

test('web_search = "live" | "cached" | "disabled" (what the Codex SDK passes) wins over tools.web_search', async () => {
  const on = tempHome({ 'config.toml': '[tools]\nweb_search = true\n' });
  const load = (o: string) => loadConfig({ codexHome: on, env, cliOverrides: [o] });
  assert.deepEqual(await load('web_search="live"').then((c) => [c.webSearch, c.webSearchExternalAccess]), [true, true]);
  assert.deepEqual(await load('web_search="cached"').then((c) => [c.webSearch, c.webSearchExternalAccess]), [true, false]);
  assert.deepEqual(await load('web_search="disabled"').then((c) => [c.webSearch, c.webSearchExternalAccess]), [false, undefined]);
  await assert.rejects(load('web_search="sometimes"'), /invalid value for `web_search`: expected one of "disabled", "cached", "live"/);
});

test('openai_base_url moves the built-in openai provider (what the Codex SDK\'s baseUrl sets)', async () => {
  const c = await loadConfig({ codexHome: tempHome(), env, cliOverrides: ['openai_base_url="http://127.0.0.1:9/v1/"'] });
  assert.equal(c.provider.id, 'openai');
  assert.equal(c.provider.baseUrl, 'http://127.0.0.1:9/v1');
  assert.deepEqual(c.warnings, []);
});

test('findCodexHome: $CODEX_HOME must exist and is canonicalized; default ~/.codex', () => {
  const home = tempHome();
  assert.equal(findCodexHome({ CODEX_HOME: home }), realpathSync(home));
  assert.throws(() => findCodexHome({ CODEX_HOME: join(home, 'missing') }), (e: unknown) => e instanceof ConfigError && /CODEX_HOME points to .*missing", but that path does not exist/.test(e.message));
  assert.match(findCodexHome({}), /\.codex$/);
});

test('notify = [] turns the notifier off; -c notify=[] does so for one run', async () => {
  const home = tempHome({ 'config.toml': 'notify = ["notify-send", "done"]\n' });
  assert.deepEqual((await loadConfig({ codexHome: home, env })).notify, ['notify-send', 'done']);
  const off = await loadConfig({ codexHome: home, env, cliOverrides: ['notify=[]'] });
  assert.equal(off.notify, undefined);
  assert.deepEqual(off.warnings, []);
});
