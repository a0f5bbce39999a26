// Approved-for-session memory: commands the user approved "for this session"
// run again without asking, and roots granted to patches become writable.
import { resolve } from 'node:path';

export interface ApprovedCommands {
  has(argv: readonly string[]): boolean;
}

export class SessionApprovals implements ApprovedCommands {
  readonly #commands = new Set<string>();
  readonly #roots: string[] = [];

  /** argv is compared exactly, element by element. */
  approve(argv: readonly string[]): void {
    this.#commands.add(JSON.stringify(argv));
  }

  has(argv: readonly string[]): boolean {
    return this.#commands.has(JSON.stringify(argv));
  }

  grantRoot(root: string): void {
    const abs = resolve(root);
    if (!this.#roots.includes(abs)) this.#roots.push(abs);
  }

  get grantedRoots(): readonly string[] {
    return this.#roots;
  }
}
