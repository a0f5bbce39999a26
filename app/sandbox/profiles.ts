// Reads the sandbox policy data in sandbox-profiles/ and checks its shape, so a
// broken data file fails loudly with its name instead of weakening a sandbox.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assetPath } from '../assets.js';
import { SOCKET_FAMILIES } from './seccomp.js';

const modePolicySchema = z.strictObject({
  description: z.string(),
  /** Where writable roots come from: the working root, config writable_roots, /tmp, $TMPDIR. */
  writableRoots: z.array(z.enum(['cwd', 'config', 'slash-tmp', 'tmpdir-env'])),
  /** Names directly under each writable root that stay read-only. */
  readOnlySubpaths: z.array(z.string().regex(/^[^/]+$/)),
  /** `off`, or `config`: sandbox_workspace_write.network_access decides. */
  network: z.enum(['off', 'config']),
});

const linuxBwrapSchema = z.strictObject({
  description: z.string(),
  flags: z.array(z.string()),
  /** Added when bwrap cannot create namespaces with `flags` alone (checked once by the probe). */
  fallbackFlags: z.array(z.string()),
  readOnlyDev: z.boolean(),
  /** Bound read-only (when present) after the fresh /dev and /proc: /sys and the writable corners of /proc. */
  readOnlyLast: z.array(z.string().regex(/^\//)),
  unshare: z.array(z.enum(['pid', 'ipc', 'net', 'uts', 'cgroup'])),
  whenNetworkOff: z.strictObject({
    unshare: z.array(z.enum(['pid', 'ipc', 'net', 'uts', 'cgroup'])),
    seccomp: z.strictObject({
      allowedSocketFamilies: z.array(z.enum(Object.keys(SOCKET_FAMILIES) as [string, ...string[]])),
      deniedSyscalls: z.array(z.string()),
    }),
  }),
});

export type ModePolicy = z.infer<typeof modePolicySchema>;
export type LinuxBwrapProfile = z.infer<typeof linuxBwrapSchema>;
export type SandboxedMode = 'read-only' | 'workspace-write';

const cache = new Map<string, unknown>();

function load<T>(file: string, schema: z.ZodType<T>): T {
  const hit = cache.get(file);
  if (hit) return hit as T;
  const path = assetPath('sandbox-profiles', file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`sandbox profile ${path}: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`sandbox profile ${path}: key \`${issue?.path.join('.') ?? ''}\`: ${issue?.message ?? 'invalid'}`);
  }
  cache.set(file, parsed.data);
  return parsed.data;
}

export function modePolicy(mode: SandboxedMode): ModePolicy {
  return load(`${mode}.json`, modePolicySchema);
}

export function linuxBwrapProfile(): LinuxBwrapProfile {
  return load('linux-bwrap.json', linuxBwrapSchema);
}

export function seatbeltBaseProfile(): string {
  const hit = cache.get('macos-seatbelt-base.sbpl');
  if (typeof hit === 'string') return hit;
  const text = readFileSync(assetPath('sandbox-profiles', 'macos-seatbelt-base.sbpl'), 'utf8');
  cache.set('macos-seatbelt-base.sbpl', text);
  return text;
}
