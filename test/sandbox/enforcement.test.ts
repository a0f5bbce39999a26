// The sandbox with the REAL bwrap: every case runs a real command in a real
// sandbox and checks what happened on the host, for read-only and workspace-write.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SandboxPolicy } from '../../app/protocol/policy.js';
import { createCommandEnv, looksLikeSandboxDenial } from '../../app/sandbox/index.js';
import { nodeScript, runIn, sh } from './support.js';
import { missingTool } from '../support/tools.js';

// Everything lives under one temp dir in /tmp; /tmp itself is only writable
// where a case says so (exclude_slash_tmp), so "outside" really is outside.
const base = mkdtempSync('/tmp/codex-enforce-');
const ws = join(base, 'ws');
const outside = join(base, 'outside');
const tmpdirEnv = join(base, 'tmpdir');
const secret = join(outside, 'secret.txt');
process.env['TMPDIR'] = tmpdirEnv; // planLaunch also honours codex's own $TMPDIR
const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', TMPDIR: tmpdirEnv };

const RO: SandboxPolicy = { mode: 'read-only' };
const WW: SandboxPolicy = { mode: 'workspace-write', writableRoots: [], networkAccess: false, excludeSlashTmp: true, excludeTmpdirEnvVar: false };
const MODES: [string, SandboxPolicy][] = [['read-only', RO], ['workspace-write', WW]];
const FULL: SandboxPolicy = { mode: 'danger-full-access' };

const run = (policy: SandboxPolicy, script: string) => runIn(policy, sh(script), { cwd: ws, env });
const runNode = (policy: SandboxPolicy, code: string) => runIn(policy, nodeScript(code), { cwd: ws, env });

before(() => {
  mkdirSync(join(ws, '.git', 'hooks'), { recursive: true });
  writeFileSync(join(ws, '.git', 'config'), '[core]\n');
  mkdirSync(outside);
  mkdirSync(tmpdirEnv);
  writeFileSync(secret, 'original\n');
  symlinkSync(outside, join(ws, 'link-out'));
});
after(() => rmSync(base, { recursive: true, force: true }));

function assertDenied(r: { code: number | null; stderr: string; stdout: string; plan: { sandbox: string } }, what: string): void {
  assert.notEqual(r.code, 0, `${what}: expected failure, got exit 0 (stdout ${r.stdout})`);
  assert.equal(r.plan.sandbox, 'linux-bwrap');
}

for (const [name, policy] of MODES) {
  describe(`${name} sandbox`, { skip: missingTool('bwrap') }, () => {
    test('writing inside the working root', async () => {
      const file = join(ws, `inside-${name}.txt`);
      const r = await run(policy, `echo hi > ${file}`);
      if (policy.mode === 'read-only') {
        assertDenied(r, 'read-only write');
        assert.match(r.stderr, /Read-only file system/);
        assert.equal(existsSync(file), false);
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(readFileSync(file, 'utf8'), 'hi\n');
      }
    });

    test('writing outside the roots is refused', async () => {
      const r = await run(policy, `echo pwned > ${outside}/new-${name}.txt; echo pwned >> ${secret}`);
      assertDenied(r, 'outside write');
      assert.match(r.stderr, /Read-only file system/);
      assert.equal(existsSync(join(outside, `new-${name}.txt`)), false);
      assert.equal(readFileSync(secret, 'utf8'), 'original\n');
    });

    test('writing through a symlink in the workspace that points outside is refused', async () => {
      const r = await run(policy, `echo pwned > link-out/via-link-${name}.txt`);
      assertDenied(r, 'symlink write');
      assert.equal(existsSync(join(outside, `via-link-${name}.txt`)), false);
    });

    test('a hard link to an outside file cannot be made and written through', async () => {
      const r = await run(policy, `ln ${secret} hard-${name} && echo pwned >> hard-${name}`);
      assertDenied(r, 'hard link');
      assert.match(r.stderr, /Invalid cross-device link|Read-only file system|Operation not permitted/);
      assert.equal(readFileSync(secret, 'utf8'), 'original\n');
      assert.equal(existsSync(join(ws, `hard-${name}`)), false);
    });

    test('.git/config and .git/hooks stay read-only', async () => {
      const r = await run(policy, 'echo "[evil]" >> .git/config; r1=$?; printf "#!/bin/sh\\nid\\n" > .git/hooks/pre-commit; r2=$?; exit $((r1 + r2))');
      assertDenied(r, '.git write');
      assert.equal(readFileSync(join(ws, '.git', 'config'), 'utf8'), '[core]\n');
      assert.equal(existsSync(join(ws, '.git', 'hooks', 'pre-commit')), false);
    });

    test('/tmp is writable only in workspace-write without exclude_slash_tmp', async () => {
      const file = join(base, `slash-tmp-${name}.txt`);
      const withTmp: SandboxPolicy = policy.mode === 'workspace-write' ? { ...policy, excludeSlashTmp: false } : policy;
      const r = await run(withTmp, `echo t > ${file}`);
      if (policy.mode === 'read-only') {
        assertDenied(r, '/tmp write');
        assert.equal(existsSync(file), false);
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(readFileSync(file, 'utf8'), 't\n');
        const excluded = await run(policy, `echo t > ${join(base, 'excluded.txt')}`);
        assertDenied(excluded, 'exclude_slash_tmp');
      }
    });

    test('$TMPDIR is writable only in workspace-write without exclude_tmpdir_env_var', async () => {
      const r = await run(policy, `echo t > "$TMPDIR/tmpdir-${name}.txt"`);
      if (policy.mode === 'read-only') {
        assertDenied(r, '$TMPDIR write');
      } else {
        assert.equal(r.code, 0, r.stderr);
        assert.equal(readFileSync(join(tmpdirEnv, `tmpdir-${name}.txt`), 'utf8'), 't\n');
        const saved = process.env['TMPDIR'];
        const excluded = await run({ ...WW, excludeTmpdirEnvVar: true }, `echo t > "$TMPDIR/excluded-${name}.txt"`);
        process.env['TMPDIR'] = saved;
        assertDenied(excluded, 'exclude_tmpdir_env_var');
        assert.equal(existsSync(join(tmpdirEnv, `excluded-${name}.txt`)), false);
      }
    });

    test('/dev/shm is not writable and /dev/null is', async () => {
      const r = await run(policy, 'echo ok > /dev/null && echo x > /dev/shm/codex-shm-test');
      assertDenied(r, '/dev/shm write');
      assert.match(r.stderr, /Read-only file system/);
      assert.equal(existsSync('/dev/shm/codex-shm-test'), false);
    });

    test('TCP to a 127.0.0.1 listener of the test is refused', async () => {
      let accepted = 0;
      const server: Server = createServer((s) => { accepted += 1; s.end('hello\n'); });
      await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
      const port = (server.address() as { port: number }).port;
      const code = `import net from 'node:net'; const s = net.connect(${port}, '127.0.0.1', () => { console.log('CONNECTED'); s.end(); });
        s.on('error', (e) => { console.error(e.code); process.exit(7); });`;
      try {
        const control = await runIn(FULL, nodeScript(code), { cwd: ws, env });
        assert.match(control.stdout, /CONNECTED/, 'control run without sandbox must connect');
        const before = accepted;
        const r = await runNode(policy, code);
        assert.equal(r.code, 7);
        assert.match(r.stderr, /EPERM/);
        assert.equal(accepted, before);
      } finally {
        server.close();
      }
    });

    test('DNS queries (to a resolver the test runs on 127.0.0.1) are refused', async () => {
      const { socket, port, queries } = await startDns();
      const code = `import dns from 'node:dns/promises'; const r = new dns.Resolver({ timeout: 500, tries: 1 }); r.setServers(['127.0.0.1:${port}']);
        try { console.log('RESOLVED', (await r.resolve4('example.test')).join()); } catch (e) { console.error(e.code); process.exit(7); }`;
      try {
        const control = await runIn(FULL, nodeScript(code), { cwd: ws, env });
        assert.match(control.stdout, /RESOLVED 192\.0\.2\.7/, `control run must resolve: ${control.stderr}`);
        const seen = queries.count;
        const r = await runNode(policy, code);
        assert.equal(r.code, 7, r.stdout);
        assert.equal(queries.count, seen, 'no query reached the resolver');
        const sys = await runNode(policy, `import dns from 'node:dns/promises'; try { await dns.lookup('example.com'); console.log('RESOLVED'); } catch (e) { console.error(e.code); process.exit(7); }`);
        assert.equal(sys.code, 7);
      } finally {
        socket.close();
      }
    });

    test('a unix socket served by the test outside the roots is refused', async () => {
      const path = join(outside, `srv-${name}.sock`);
      let accepted = 0;
      const server = createServer((s) => { accepted += 1; s.end('hello\n'); });
      await new Promise<void>((res) => server.listen(path, res));
      const code = `import net from 'node:net'; const s = net.connect(${JSON.stringify(path)}, () => { console.log('CONNECTED'); s.end(); });
        s.on('error', (e) => { console.error(e.code); process.exit(7); });`;
      try {
        const control = await runIn(FULL, nodeScript(code), { cwd: ws, env });
        assert.match(control.stdout, /CONNECTED/);
        const r = await runNode(policy, code);
        assert.equal(r.code, 7);
        assert.match(r.stderr, /EPERM/);
        assert.equal(accepted, 1, 'only the control run connected');
      } finally {
        server.close();
      }
    });

    test('socketpair still works (pipes between the command\'s own processes)', async () => {
      const r = await run(policy, 'echo through-a-pipe | cat');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'through-a-pipe\n');
      const pair = await runNode(policy, `import { spawnSync } from 'node:child_process'; const r = spawnSync('/bin/echo', ['child'], { stdio: 'pipe' }); console.log(r.stdout.toString().trim());`);
      assert.equal(pair.code, 0, pair.stderr);
      assert.equal(pair.stdout, 'child\n');
    });

    test('an API key in the environment does not reach the command', async () => {
      process.env['OPENAI_API_KEY'] = 'sk-enforce-test-123';
      const cmdEnv = createCommandEnv(undefined, { ...process.env, MY_SECRET: 'hunter2', GH_TOKEN: 'ghp_x' });
      assert.equal(cmdEnv['OPENAI_API_KEY'], undefined);
      const r = await runIn(policy, sh('echo "[$OPENAI_API_KEY][$MY_SECRET][$GH_TOKEN]"; cat /proc/[0-9]*/environ 2>/dev/null | tr "\\0" "\\n" | grep -c sk-enforce-test'), { cwd: ws, env: cmdEnv });
      assert.equal(r.stdout, '[][][]\n0\n', 'neither the env nor /proc of the host shows the key');
    });

    test('a background process that outlives the command is killed', async () => {
      const marker = policy.mode === 'read-only' ? '97.31' : '97.32';
      const r = await run(policy, `sleep ${marker} >/dev/null 2>&1 & echo started`);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'started\n');
      let alive = true;
      for (let i = 0; i < 40 && alive; i += 1) {
        alive = hostProcessesWith(`sleep\0${marker}`) > 0;
        if (alive) await new Promise((res) => setTimeout(res, 50));
      }
      assert.equal(alive, false, 'the background sleep must be gone');
    });

    test('a denied command reports its exit code and error, and reads as a sandbox denial', async () => {
      const r = await run(policy, 'echo before; touch /etc/codex-denied');
      assert.equal(r.code, 1);
      assert.equal(r.stdout, 'before\n');
      assert.match(r.stderr, /touch: cannot touch '\/etc\/codex-denied': Read-only file system/);
      assert.equal(looksLikeSandboxDenial({ sandbox: r.plan.sandbox, exitCode: r.code, stdout: r.stdout, stderr: r.stderr }), true);
      const plain = await run(policy, 'echo no match >&2; exit 3');
      assert.equal(plain.code, 3);
      assert.equal(looksLikeSandboxDenial({ sandbox: plain.plan.sandbox, exitCode: plain.code, stdout: plain.stdout, stderr: plain.stderr }), false);
      assert.equal(existsSync('/etc/codex-denied'), false);
    });

    test('the command sees CODEX_SANDBOX_NETWORK_DISABLED=1 and its own pid namespace', async () => {
      const r = await run(policy, 'echo "net=$CODEX_SANDBOX_NETWORK_DISABLED"; ls /proc | grep -c "^[0-9]"');
      assert.equal(r.code, 0, r.stderr);
      const [net, count] = r.stdout.trim().split('\n');
      assert.equal(net, 'net=1');
      assert.ok(Number(count) < 10, `few processes visible, got ${count}`);
    });
  });
}

describe('workspace-write specifics', { skip: missingTool('bwrap') }, () => {
  test('network_access = true lets the command reach a 127.0.0.1 listener and drops the env flag', async () => {
    const server = createServer((s) => s.end('hello\n'));
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await runIn({ ...WW, networkAccess: true }, nodeScript(`import net from 'node:net'; const s = net.connect(${port}, '127.0.0.1'); s.on('data', (d) => process.stdout.write(d)); s.on('error', (e) => { console.error(e.code); process.exit(7); }); console.log('flag=' + (process.env.CODEX_SANDBOX_NETWORK_DISABLED ?? ''));`), { cwd: ws, env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'flag=\nhello\n');
      const ro = await run(WW, 'echo x > /etc/codex-net');
      assertDenied(ro, 'file rules still apply with network on');
    } finally {
      server.close();
    }
  });

  test('config writable_roots are writable, a symlinked root is bound at its target, and its .git stays read-only', async () => {
    const extra = join(base, 'extra');
    mkdirSync(join(extra, '.git'), { recursive: true });
    symlinkSync(extra, join(base, 'extra-link'));
    const policy: SandboxPolicy = { ...WW, writableRoots: [join(base, 'extra-link')] };
    const r = await run(policy, `echo a > ${extra}/a.txt && echo b > ${base}/extra-link/b.txt && echo c > ${extra}/.git/c`);
    assert.notEqual(r.code, 0);
    assert.equal(readFileSync(join(extra, 'a.txt'), 'utf8'), 'a\n');
    assert.equal(readFileSync(join(extra, 'b.txt'), 'utf8'), 'b\n');
    assert.equal(existsSync(join(extra, '.git', 'c')), false);
  });

  test('a working root reached through a symlink is writable at its target', async () => {
    symlinkSync(ws, join(base, 'ws-link'));
    const r = await runIn(WW, sh('echo s > via-symlinked-root.txt'), { cwd: join(base, 'ws-link'), env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(ws, 'via-symlinked-root.txt'), 'utf8'), 's\n');
  });
});

/** A DNS server on 127.0.0.1 that answers every A query with 192.0.2.7. */
async function startDns(): Promise<{ socket: UdpSocket; port: number; queries: { count: number } }> {
  const socket = createSocket('udp4');
  const queries = { count: 0 };
  socket.on('message', (msg, rinfo) => {
    queries.count += 1;
    let end = 12;
    while (msg[end] !== 0 && end < msg.length) end += msg[end]! + 1;
    const question = msg.subarray(12, end + 5);
    const header = Buffer.from([msg[0]!, msg[1]!, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
    const answer = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7]);
    socket.send(Buffer.concat([header, question, answer]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((res) => socket.bind(0, '127.0.0.1', res));
  return { socket, port: socket.address().port, queries };
}

function hostProcessesWith(cmdline: string): number {
  let n = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(cmdline)) n += 1;
    } catch {
      // the process ended while we looked
    }
  }
  return n;
}
