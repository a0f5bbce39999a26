// The schemas of the tables in config.toml's maps are built the first time a value reaches
// them (issue 16: building every schema cost ~4 ms of each start's CPU). A
// spy on each lazy schema's builder tells which ones a load built; the
// values and errors are those of the full schema.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../app/config/index.js';
import { mcpServerSchema, modelProviderSchema, profileSchema } from '../../app/config/schema.js';
import { tempHome } from './home.js';

const built = new Set<string>();
for (const [name, schema] of Object.entries({ mcpServerSchema, modelProviderSchema, profileSchema })) {
  const def = schema._zod.def as { getter: () => unknown };
  const build = def.getter;
  def.getter = () => {
    built.add(name);
    return build();
  };
}

const load = (toml: string) => loadConfig({ codexHome: tempHome({ 'config.toml': toml }), env: {}, overrides: { cwd: tmpdir() } });

test('a config without those tables builds none of their schemas', async () => {
  const c = await load('model = "o3"\n');
  assert.equal(c.model, 'o3');
  assert.deepEqual([...built], []);
});

test('a table in the file is validated by its schema, defaults and errors included', async () => {
  const c = await load('[mcp_servers.docs]\ncommand = "docs-server"\n');
  assert.deepEqual(c.mcpServers.docs?.args, []);
  assert.deepEqual([...built], ['mcpServerSchema']);
  await assert.rejects(load('[mcp_servers.docs]\ncommand = 1\n'), (e: unknown) => e instanceof ConfigError && /mcp_servers\.docs\.command.*expected a string/.test(e.message));
});
