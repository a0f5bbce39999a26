// The transcript line that records an approval decision (reference §3.5):
// `✔ You approved codex to run <cmd> this time`, `… every time this session`,
// `✗ You did not approve codex to run …`, `✗ You canceled the request to run …`,
// and the patch versions.
import { NoticeCell } from '../transcript/cells/notice.js';
import { clip, displayCommand } from '../transcript/command.js';
import { TOKENS } from '../transcript/tokens.js';
import type { ApprovalRequest, ReviewDecision } from './state.js';

export function decisionText(request: ApprovalRequest, decision: ReviewDecision): string {
  if (request.kind === 'exec') {
    const cmd = clip(displayCommand(request.command), 80);
    switch (decision) {
      case 'approved':
        return `You approved codex to run ${cmd} this time`;
      case 'approved_for_session':
        return `You approved codex to run ${cmd} every time this session`;
      case 'denied':
        return `You did not approve codex to run ${cmd}`;
      case 'abort':
        return `You canceled the request to run ${cmd}`;
    }
  }
  switch (decision) {
    case 'approved':
      return 'You approved codex to apply these changes';
    case 'approved_for_session':
      return 'You approved codex to apply these changes and edit these files for the rest of this session';
    case 'denied':
      return 'You did not approve these changes';
    case 'abort':
      return 'You canceled the request to apply these changes';
  }
}

export function decisionCell(request: ApprovalRequest, decision: ReviewDecision): NoticeCell {
  const ok = decision === 'approved' || decision === 'approved_for_session';
  return new NoticeCell(
    { text: ok ? '✔ ' : '✗ ', style: { fg: ok ? TOKENS.success : TOKENS.error, bold: true } },
    [{ text: decisionText(request, decision) }],
  );
}
