// Whether the git program is here: tests that compare with real git skip without it.
import { execFileSync } from 'node:child_process';

export const hasGit = ((): boolean => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
