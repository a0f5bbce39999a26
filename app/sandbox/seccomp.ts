// A classic-BPF seccomp program, assembled here and handed to `bwrap --seccomp FD`.
// It refuses (EPERM) socket() for every address family but the few the profile
// allows (so AF_UNIX, AF_INET, AF_INET6, and families no network namespace
// confines, such as AF_VSOCK, are all refused), and the syscalls it lists
// (io_uring can create sockets behind seccomp's back). socketpair() is
// untouched, so pipes between a command's own processes work.
import { arch as hostArch } from 'node:process';

/** What the filter refuses; both lists come from the sandbox profile data. */
export interface SeccompRules {
  /** socket() is refused for every other family. */
  readonly allowedSocketFamilies: readonly string[];
  readonly deniedSyscalls: readonly string[];
}

interface ArchInfo {
  /** AUDIT_ARCH_* value seccomp reports in seccomp_data.arch. */
  readonly auditArch: number;
  readonly syscalls: Readonly<Record<string, number>>;
  /** x86_64 also accepts x32 syscalls (nr | 0x40000000); those are refused wholesale. */
  readonly x32Bit?: number;
}

const ARCHES: Readonly<Record<string, ArchInfo>> = {
  x64: {
    auditArch: 0xc000003e,
    syscalls: { socket: 41, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427 },
    x32Bit: 0x40000000,
  },
  arm64: {
    auditArch: 0xc00000b7,
    syscalls: { socket: 198, io_uring_setup: 425, io_uring_enter: 426, io_uring_register: 427 },
  },
};

export const SOCKET_FAMILIES: Readonly<Record<string, number>> = {
  AF_UNIX: 1, AF_INET: 2, AF_INET6: 10, AF_NETLINK: 16, AF_PACKET: 17, AF_ALG: 38, AF_VSOCK: 40,
};

// Opcodes (linux/filter.h) and return values (linux/seccomp.h).
const LD_W_ABS = 0x20;
const JEQ_K = 0x15;
const JGE_K = 0x35;
const RET_K = 0x06;
const RET_ALLOW = 0x7fff0000;
const RET_ERRNO = 0x00050000;
const RET_KILL_PROCESS = 0x80000000;
const EPERM = 1;
// Offsets into struct seccomp_data { int nr; u32 arch; u64 ip; u64 args[6]; }.
const OFF_NR = 0;
const OFF_ARCH = 4;
const OFF_ARG0_LOW = 16; // little-endian: the low word of args[0] comes first

interface Insn { code: number; jt: number; jf: number; k: number }
const stmt = (code: number, k: number): Insn => ({ code, jt: 0, jf: 0, k });
const jump = (code: number, k: number, jt: number, jf: number): Insn => ({ code, jt, jf, k });

export class SeccompUnsupportedError extends Error {
  override name = 'SeccompUnsupportedError';
}

/** Instructions of the filter for `arch` (node's process.arch naming). */
export function seccompInstructions(rules: SeccompRules, arch: string = hostArch): Insn[] {
  const info = ARCHES[arch];
  if (!info) throw new SeccompUnsupportedError(`no seccomp filter for CPU architecture ${arch} (supported: x64, arm64)`);
  const nr = (name: string): number => {
    const n = info.syscalls[name];
    if (n === undefined) throw new SeccompUnsupportedError(`sandbox profile names unknown syscall ${name}`);
    return n;
  };
  const families = rules.allowedSocketFamilies.map((f) => {
    const n = SOCKET_FAMILIES[f];
    if (n === undefined) throw new SeccompUnsupportedError(`sandbox profile names unknown socket family ${f}`);
    return n;
  });
  const denied = rules.deniedSyscalls.map(nr);

  // Layout, with the return instructions at the end so every jump is forward:
  //   arch check · [x32 check] · syscall checks · socket check · family checks · ERRNO · ALLOW · KILL
  const prog: Insn[] = [];
  const fixups: { at: number; field: 'jt' | 'jf'; to: 'errno' | 'allow' | 'kill' }[] = [];
  const emit = (insn: Insn): number => prog.push(insn) - 1;
  prog.push(stmt(LD_W_ABS, OFF_ARCH));
  fixups.push({ at: emit(jump(JEQ_K, info.auditArch, 0, 0)), field: 'jf', to: 'kill' });
  prog.push(stmt(LD_W_ABS, OFF_NR));
  if (info.x32Bit !== undefined) fixups.push({ at: emit(jump(JGE_K, info.x32Bit, 0, 0)), field: 'jt', to: 'errno' });
  for (const n of denied) fixups.push({ at: emit(jump(JEQ_K, n, 0, 0)), field: 'jt', to: 'errno' });
  fixups.push({ at: emit(jump(JEQ_K, nr('socket'), 0, 0)), field: 'jf', to: 'allow' });
  prog.push(stmt(LD_W_ABS, OFF_ARG0_LOW));
  for (const f of families) fixups.push({ at: emit(jump(JEQ_K, f, 0, 0)), field: 'jt', to: 'allow' });
  const target = {
    errno: emit(stmt(RET_K, RET_ERRNO | EPERM)),
    allow: emit(stmt(RET_K, RET_ALLOW)),
    kill: emit(stmt(RET_K, RET_KILL_PROCESS)),
  };
  for (const { at, field, to } of fixups) prog[at]![field] = target[to] - at - 1;
  if (prog.length > 255) throw new SeccompUnsupportedError('seccomp program too long for 8-bit jumps');
  return prog;
}

/** The program as the kernel's struct sock_filter array (little-endian, 8 bytes each). */
export function assembleSeccomp(rules: SeccompRules, arch: string = hostArch): Buffer {
  const prog = seccompInstructions(rules, arch);
  const buf = Buffer.alloc(prog.length * 8);
  prog.forEach((insn, i) => {
    buf.writeUInt16LE(insn.code, i * 8);
    buf.writeUInt8(insn.jt, i * 8 + 2);
    buf.writeUInt8(insn.jf, i * 8 + 3);
    buf.writeUInt32LE(insn.k >>> 0, i * 8 + 4);
  });
  return buf;
}
