// /review: a popup of what to review (the uncommitted changes, the changes
// against a base branch chosen from a list, a commit chosen from the recent
// ones, or custom instructions: `/review TEXT`), then a review turn (Op
// review) whose findings come back as their own cell. /undo asks the session
// to put back the files the last turn changed.
import { errorCell, infoCell } from '../../widgets/transcript/cells/notice.js';
import type { ReviewTarget } from '../protocol/ops.js';
import { listBranches, recentCommits } from '../review/diff.js';
import type { TuiApp } from './app.js';
import { ChoiceOverlay } from './choice.js';

type Preset = 'uncommitted' | 'base_branch' | 'commit' | 'custom';

const PRESETS: { item: { label: string; description: string }; value: Preset }[] = [
  { item: { label: 'Review uncommitted changes', description: 'staged, unstaged and untracked files against HEAD' }, value: 'uncommitted' },
  { item: { label: 'Review against a base branch', description: 'what this branch would merge (choose the branch)' }, value: 'base_branch' },
  { item: { label: 'Review a commit', description: 'choose one of the recent commits' }, value: 'commit' },
  { item: { label: 'Custom review instructions', description: 'type them after /review and press Enter' }, value: 'custom' },
];

function review(app: TuiApp, target: ReviewTarget): void {
  app.submit({ type: 'review', target });
}

async function chooseBranch(app: TuiApp): Promise<void> {
  const branches = await listBranches(app.config.cwd);
  if (!branches.length) {
    app.addCell(infoCell('/review — no other local branch to compare with'));
  } else {
    app.pushOverlay(new ChoiceOverlay('Select a base branch', branches.map((b) => ({ item: { label: b }, value: b })),
      (branch) => review(app, { type: 'base_branch', branch })));
  }
  app.host.requestFrame();
}

async function chooseCommit(app: TuiApp): Promise<void> {
  const commits = await recentCommits(app.config.cwd);
  if (!commits.length) {
    app.addCell(infoCell('/review — no commits to review'));
  } else {
    app.pushOverlay(new ChoiceOverlay('Select a commit to review',
      commits.map((c) => ({ item: { label: `${c.sha.slice(0, 7)} ${c.subject}` }, value: c })),
      (c) => review(app, { type: 'commit', sha: c.sha, title: c.subject })));
  }
  app.host.requestFrame();
}

function picked(app: TuiApp, preset: Preset): void {
  const failed = (e: unknown) => app.addCell(errorCell(`/review failed: ${(e as Error).message}`));
  switch (preset) {
    case 'uncommitted': review(app, { type: 'uncommitted' }); return;
    case 'base_branch': chooseBranch(app).catch(failed); return;
    case 'commit': chooseCommit(app).catch(failed); return;
    case 'custom':
      app.composer.setText('/review ');
      return;
    default: {
      const _: never = preset;
      return _;
    }
  }
}

/** `/review` opens the popup; `/review TEXT` reviews the uncommitted changes with TEXT as the instructions. */
export function runReviewCommand(app: TuiApp, args: string): void {
  if (args.trim()) {
    review(app, { type: 'custom', instructions: args.trim() });
    return;
  }
  app.pushOverlay(new ChoiceOverlay('Select a review preset', PRESETS, (p) => picked(app, p)));
}
