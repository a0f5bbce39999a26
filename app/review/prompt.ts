// What a review turn sends: instructions for the reviewer, what is reviewed,
// and the diff, cut at a line end past MAX_DIFF_BYTES with a note saying how
// much was left out and how to see it. Pure.
import type { ReviewTarget } from '../protocol/ops.js';

export const MAX_DIFF_BYTES = 64 * 1024;

const INSTRUCTIONS = [
  'Act as a careful code reviewer for the change described below.',
  'Report only problems the change itself introduces and that its author would want to fix: wrong behaviour, crashes,',
  'security holes, data loss, broken error handling, races, needless slowness, risky code without tests.',
  'Leave out style preferences and anything the change did not touch.',
  'For each finding write one short paragraph: a priority tag ([P0] must fix before merging, [P1] should fix,',
  '[P2] worth fixing, [P3] minor), the file and line range, what goes wrong and in which situation.',
  'List the most severe first. When nothing is worth flagging, say so in one sentence.',
  'Finish with one line: "Verdict: looks correct" or "Verdict: needs changes".',
  'You may read files and run read-only commands to check a finding; do not modify any file.',
].join('\n');

/** What the review is of, in a few words (the TUI's cell title, exec's header). */
export function reviewHint(target: ReviewTarget): string {
  switch (target.type) {
    case 'uncommitted': return 'current changes';
    case 'base_branch': return `changes against '${target.branch}'`;
    case 'commit': return `commit ${target.sha.slice(0, 7)}${target.title ? `: ${target.title}` : ''}`;
    case 'custom': {
      const first = target.instructions.trim().split('\n')[0] ?? '';
      return first.length > 60 ? `${first.slice(0, 59)}…` : first;
    }
    default: {
      const _: never = target;
      return _;
    }
  }
}

function scope(target: ReviewTarget): string {
  switch (target.type) {
    case 'uncommitted': return 'The change: the uncommitted work in this repository (staged, unstaged and untracked files) against HEAD.';
    case 'base_branch': return `The change: this branch's work (committed or not) against its merge base with '${target.branch}'.`;
    case 'commit': return `The change: commit ${target.sha}${target.title ? ` ("${target.title}")` : ''}.`;
    case 'custom': return `The change: the uncommitted work in this repository against HEAD. The user's instructions for this review:\n${target.instructions.trim()}`;
    default: {
      const _: never = target;
      return _;
    }
  }
}

/** How to see the whole diff when it was cut. */
function fullDiffCommand(target: ReviewTarget): string {
  switch (target.type) {
    case 'commit': return `git show ${target.sha}`;
    case 'base_branch': return `git diff $(git merge-base HEAD ${target.branch})`;
    default: return 'git diff HEAD (and read the untracked files)';
  }
}

/** The diff cut to at most `max` bytes at a line end, and whether it was cut. */
export function boundDiff(diff: string, max = MAX_DIFF_BYTES): { text: string; cut: boolean; bytes: number } {
  const bytes = Buffer.byteLength(diff);
  if (bytes <= max) return { text: diff, cut: false, bytes };
  const head = Buffer.from(diff).subarray(0, max).toString('utf8').replace(/\uFFFD$/, '');
  const end = head.lastIndexOf('\n');
  return { text: end > 0 ? head.slice(0, end + 1) : head, cut: true, bytes };
}

/** The user message of the review turn. */
export function reviewPrompt(target: ReviewTarget, diff: string, max = MAX_DIFF_BYTES): string {
  const bound = boundDiff(diff, max);
  const note = bound.cut
    ? `\n[The diff is cut: it shows ${Buffer.byteLength(bound.text)} of ${bound.bytes} bytes. Run \`${fullDiffCommand(target)}\` to see the rest.]`
    : '';
  const body = diff.trim() ? `<diff>\n${bound.text}</diff>${note}` : '(The diff is empty.)';
  return `${INSTRUCTIONS}\n\n${scope(target)}\n\n${body}`;
}
