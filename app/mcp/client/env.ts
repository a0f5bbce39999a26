// The environment of a stdio MCP server (reference §6.1): the parent's
// environment is NOT inherited; only a small allow-list passes through, plus
// the names in `env_vars`, plus the configured `env` (which wins).

export const DEFAULT_ENV_VARS = [
  'HOME', 'LOGNAME', 'PATH', 'SHELL', 'USER', '__CF_USER_TEXT_ENCODING', 'LANG', 'LC_ALL', 'TERM', 'TMPDIR', 'TZ',
] as const;

export function serverEnvironment(
  parent: NodeJS.ProcessEnv,
  server: { env?: Readonly<Record<string, string>>; env_vars?: readonly string[] },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...DEFAULT_ENV_VARS, ...(server.env_vars ?? [])]) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...server.env };
}
