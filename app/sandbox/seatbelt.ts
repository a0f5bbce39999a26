// The macOS runner: the base seatbelt profile (data) plus generated sections
// for reads, writable roots and network, run through /usr/bin/sandbox-exec.
// The full path is fixed so a PATH entry cannot stand in for sandbox-exec.
import type { WritableRoot } from './roots.js';

export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

export interface SeatbeltInput {
  readonly base: string;
  readonly roots: readonly WritableRoot[];
  readonly networkAllowed: boolean;
  readonly argv: readonly string[];
}

/** Pure: the profile text and the `-DNAME=value` parameters it refers to. */
export function seatbeltProfile(input: SeatbeltInput): { profile: string; params: [string, string][] } {
  const params: [string, string][] = [];
  const writes: string[] = [];
  input.roots.forEach((r, i) => {
    const name = `WRITABLE_ROOT_${i}`;
    params.push([name, r.root]);
    const guarded = [...r.readOnlySubpaths, ...r.reservedSubpaths];
    if (guarded.length === 0) {
      writes.push(`(subpath (param "${name}"))`);
      return;
    }
    const keepOut = guarded.map((p, j) => {
      params.push([`${name}_RO_${j}`, p]);
      return `(require-not (subpath (param "${name}_RO_${j}")))`;
    });
    writes.push(`(require-all (subpath (param "${name}")) ${keepOut.join(' ')})`);
  });
  const sections = [input.base.trimEnd(), '', '; Generated: reads anywhere.', '(allow file-read*)'];
  if (writes.length > 0) {
    sections.push('; Generated: writes inside the writable roots only.', `(allow file-write*\n  ${writes.join('\n  ')})`);
  }
  if (input.networkAllowed) {
    sections.push('; Generated: network allowed by sandbox_workspace_write.network_access.',
      '(allow network-outbound)', '(allow network-inbound)', '(allow system-socket)');
  }
  return { profile: `${sections.join('\n')}\n`, params };
}

/** Pure: the sandbox-exec argv for one command. */
export function seatbeltArgv(input: SeatbeltInput): string[] {
  const { profile, params } = seatbeltProfile(input);
  return [SANDBOX_EXEC, '-p', profile, ...params.map(([k, v]) => `-D${k}=${v}`), '--', ...input.argv];
}
