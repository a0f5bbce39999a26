// The trust screen (reference §3.8), shown full screen before the session
// starts when the working root's trust was never decided and the user chose no
// sandbox or approval policy: 1 (or y) trusts the folder, 2 (or n) does not,
// ↑/↓ and Enter select and confirm, Ctrl+C quits without a session.
import { isModeAction } from '../../keymaps/actions.js';
import type { ResolvedAction } from '../../keymaps/engine.js';
import { TrustScreen } from '../../widgets/trust/trust-screen.js';
import { tildePath } from '../../widgets/transcript/cells/header.js';
import type { Config } from '../config/types.js';
import type { TrustLevel } from '../config/trust.js';
import type { TuiApp } from './app.js';
import type { Overlay, OverlayResult } from './overlay.js';

export type TrustAnswer = TrustLevel | 'quit';

/** The options of the screen, in order. */
const LEVELS: readonly TrustLevel[] = ['trusted', 'untrusted'];

class TrustOverlay implements Overlay {
  readonly mode = 'trust';
  readonly placement = 'screen';
  readonly widget: TrustScreen;

  constructor(cwd: string, inGit: boolean, private readonly done: (a: TrustAnswer) => void) {
    this.widget = new TrustScreen(cwd, inGit);
  }

  private finish(answer: TrustAnswer): OverlayResult {
    this.done(answer);
    return 'close';
  }

  handle(r: ResolvedAction): OverlayResult {
    if (!isModeAction('trust', r.action)) return 'handled';
    switch (r.action) {
      case 'trust_prev': this.widget.move(-1); return 'handled';
      case 'trust_next': this.widget.move(1); return 'handled';
      case 'trust_yes': return this.finish('trusted');
      case 'trust_no': return this.finish('untrusted');
      case 'trust_confirm': return this.finish(LEVELS[this.widget.selected] ?? 'untrusted');
      case 'trust_quit': return this.finish('quit');
      default: {
        const _: never = r.action;
        return _;
      }
    }
  }
}

/** Shows the trust screen over the app; resolves with the user's answer. */
export function askTrust(app: TuiApp, config: Config): Promise<TrustAnswer> {
  return new Promise((resolve) => {
    app.pushOverlay(new TrustOverlay(tildePath(config.cwd, process.env.HOME), config.project.inGit, resolve));
  });
}
