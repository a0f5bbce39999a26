// Work tree snapshots as git commit objects that nothing points to: every
// tracked and untracked file (ignored ones left out), stored as the bytes on
// disk (no clean filters, no line-ending conversion, so a restore is byte for
// byte: see conversion.ts), put into a tree through a temporary index, and
// wrapped in a commit whose parent is HEAD. HEAD, branches, the index, the stash and every ref
// stay as they were: only objects are added (the temporary index is the
// session's own, beside its log). No ref keeps the commits from
// `git gc`, which prunes unreachable objects only after gc.pruneExpire (two
// weeks by default): long enough for undo, and a ref would show in the user's
// `git for-each-ref`, `git log --all` and every fetch. A record whose objects
// are gone says so when it is undone.
// git runs only through app/git/run.ts (no hooks, no fsmonitor, no programs).
import { copyFileSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { narrowPrivate } from '../code-cache-dir.js';
import { gitDirAt } from '../git/repo.js';
import { runGitBytes } from '../git/run.js';
import { mayConvert } from './conversion.js';
import type { Change, FileMode, FileState } from './types.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Codex', GIT_AUTHOR_EMAIL: 'codex@localhost',
  GIT_COMMITTER_NAME: 'Codex', GIT_COMMITTER_EMAIL: 'codex@localhost',
};

/** A file written this recently may change again within the file system's timestamp granularity: hash it again. */
const RACY_MS = 2000;
const ZERO_OID = '0'.repeat(40);
const GIT_MODES: Record<string, FileMode> = { '100644': 'file', '100755': 'exec', '120000': 'symlink' };
const MODE_BITS: Record<FileMode, string> = { file: '100644', exec: '100755', symlink: '120000' };
/** What `git add` must not do to the bytes: the settings mayConvert found unset, pinned. */
const NO_CONVERSION = ['-c', 'core.autocrlf=false', '-c', 'core.attributesFile=/dev/null', '-c', 'core.fileMode=true'];

export class GitError extends Error {
  override name = 'GitError';
}

async function git(root: string, args: string[], opts: Parameters<typeof runGitBytes>[2] = {}): Promise<Buffer> {
  const r = await runGitBytes(root, args, opts);
  if (r.code !== 0) throw new GitError(`git ${args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''} failed (exit ${r.code}): ${r.stderr.trim().split('\n')[0] ?? ''}`);
  return r.stdout;
}

const nulList = (b: Buffer): string[] => b.toString('utf8').split('\0').filter(Boolean);

interface Cached { readonly key: string; readonly oid: string; readonly hashedAt: number }

export class GitSnapshots {
  /**
   * How trees are built: 'add' lets `git add -A` fill the private index (a copy
   * of the repository's, so its stat cache spares hashing unchanged files),
   * 'hash' hashes with --no-filters where git might convert bytes.
   */
  private how: 'add' | 'hash' | undefined;
  /** 'hash': blob ids of files hashed before, by path, valid while their stat data is unchanged. */
  private readonly cache = new Map<string, Cached>();
  /** What the private index holds, so the next snapshot writes only what changed; undefined: start it afresh. */
  private indexed: Map<string, string> | undefined;

  /** `indexFile`: the private index, kept with the session (never the repository's own). */
  constructor(readonly root: string, private readonly indexFile: string) {}

  /** Snapshots the work tree; returns the commit id. */
  async snapshot(message: string): Promise<string> {
    const head = runGitBytes(this.root, ['rev-parse', '-q', '--verify', 'HEAD^{commit}']);
    const env = { GIT_INDEX_FILE: this.indexFile };
    if (this.how === undefined || (this.how === 'add' && existsSync(join(this.root, '.gitattributes')))) {
      const gitDir = gitDirAt(this.root);
      const converts = !gitDir || (await mayConvert(this.root, gitDir, await this.listFiles()));
      this.how = converts ? 'hash' : 'add';
      this.indexed = undefined;
      mkdirSync(dirname(this.indexFile), { recursive: true, mode: 0o700 });
      rmSync(this.indexFile, { force: true });
      const real = gitDir ? join(gitDir, 'index') : undefined;
      if (!converts && real && existsSync(real)) copyFileSync(real, this.indexFile);
    }
    if (this.how === 'add') await git(this.root, [...NO_CONVERSION, 'add', '-A', '--', '.'], { env });
    else await this.hashInto(env);
    const tree = (await git(this.root, ['write-tree'], { env })).toString('utf8').trim();
    narrowPrivate(this.indexFile); // git writes it 0644: it lists the work tree's paths
    const parent = await head;
    const p = parent.code === 0 ? ['-p', parent.stdout.toString('utf8').trim()] : [];
    return (await git(this.root, ['commit-tree', tree, ...p, '-m', message], { env: IDENTITY })).toString('utf8').trim();
  }

  /** Removes the private index; a later snapshot starts it afresh. */
  dispose(): void {
    rmSync(this.indexFile, { force: true });
    this.how = undefined;
    this.indexed = undefined;
  }

  private async listFiles(): Promise<string[]> {
    return [...new Set(nulList(await git(this.root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])))];
  }

  /** Puts every file's blob, hashed as the bytes on disk, into the private index; rehashes only what changed since. */
  private async hashInto(env: Record<string, string>): Promise<void> {
    const started = Date.now();
    const entries: { path: string; mode: FileMode; key: string; oid?: string }[] = [];
    const files: string[] = [];
    const links: string[] = [];
    for (const path of await this.listFiles()) {
      let st;
      try {
        st = lstatSync(join(this.root, path));
      } catch {
        continue; // deleted since the index listed it
      }
      const mode: FileMode | undefined = st.isSymbolicLink() ? 'symlink' : st.isFile() ? (st.mode & 0o111 ? 'exec' : 'file') : undefined;
      if (!mode) continue; // a submodule or nested repository: not ours to snapshot
      const key = `${mode}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
      const hit = this.cache.get(path);
      const fresh = hit && hit.key === key && st.mtimeMs < hit.hashedAt - RACY_MS;
      entries.push({ path, mode, key, ...(fresh ? { oid: hit.oid } : {}) });
      if (!fresh) (mode === 'symlink' ? links : files).push(path);
    }
    const oids = await this.hash(files, links);
    const changed: Buffer[] = [];
    const now = new Map<string, string>();
    for (const e of entries) {
      const oid = e.oid ?? oids.get(e.path)!;
      if (!e.oid) this.cache.set(e.path, { key: e.key, oid, hashedAt: started });
      const value = `${MODE_BITS[e.mode]} ${oid}`;
      now.set(e.path, value);
      if (this.indexed?.get(e.path) !== value) changed.push(Buffer.from(`${value}\t${e.path}\0`));
    }
    for (const path of this.indexed?.keys() ?? []) if (!now.has(path)) changed.push(Buffer.from(`0 ${ZERO_OID}\t${path}\0`));
    try {
      if (changed.length) await git(this.root, ['update-index', '-z', '--index-info'], { stdin: Buffer.concat(changed), env });
      this.indexed = now;
    } catch (err) {
      this.indexed = undefined;
      rmSync(this.indexFile, { force: true });
      throw err;
    }
  }

  /** Writes the blobs of these files (as their bytes on disk) and symlinks (their targets); returns their ids. */
  private async hash(files: readonly string[], links: readonly string[]): Promise<Map<string, string>> {
    const oids = new Map<string, string>();
    // --stdin-paths reads one path a line: the rare name with a newline is hashed on its own.
    const batch = files.filter((p) => !p.includes('\n'));
    if (batch.length) {
      const out = (await git(this.root, ['hash-object', '-w', '--no-filters', '--stdin-paths'], { stdin: `${batch.join('\n')}\n` })).toString('utf8').trim().split('\n');
      batch.forEach((p, i) => oids.set(p, out[i]!));
    }
    for (const p of files.filter((f) => f.includes('\n'))) {
      oids.set(p, (await git(this.root, ['hash-object', '-w', '--no-filters', '--', p])).toString('utf8').trim());
    }
    for (const p of links) {
      const target = readlinkSync(join(this.root, p), { encoding: 'buffer' });
      oids.set(p, (await git(this.root, ['hash-object', '-w', '--stdin'], { stdin: target })).toString('utf8').trim());
    }
    return oids;
  }

  /** The files that differ between two snapshots, as absolute paths. */
  async changes(before: string, after: string): Promise<Change[]> {
    const out = nulList(await git(this.root, ['diff-tree', '-r', '-z', '--no-renames', '--raw', before, after]));
    const changes: Change[] = [];
    for (let i = 0; i + 1 < out.length; i += 2) {
      const [oldMode, newMode, oldOid, newOid] = out[i]!.slice(1).split(' ');
      const state = (mode: string | undefined, oid: string | undefined): FileState | undefined => {
        if (mode === '000000') return { kind: 'absent' };
        const m = mode ? GIT_MODES[mode] : undefined;
        return m && oid ? { kind: 'present', oid, mode: m, store: 'git' } : undefined;
      };
      const b = state(oldMode, oldOid);
      const a = state(newMode, newOid);
      if (b && a) changes.push({ path: join(this.root, out[i + 1]!), before: b, after: a });
    }
    return changes;
  }

  /** A blob's bytes; an error naming it when it is gone (pruned by `git gc`). */
  async readBlob(oid: string): Promise<Buffer> {
    const r = await runGitBytes(this.root, ['cat-file', 'blob', oid]);
    if (r.code !== 0) throw new GitError(`the saved content ${oid.slice(0, 12)} is no longer in the repository (pruned by git gc?)`);
    return r.stdout;
  }
}
