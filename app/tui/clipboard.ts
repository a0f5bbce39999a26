// /copy: text goes to the clipboard through the terminal (OSC 52), which also
// works over ssh. Inside tmux the sequence is wrapped in tmux's DCS
// passthrough (every ESC doubled), so it reaches the outer terminal: tmux
// needs `set -g allow-passthrough on` for that.

/** The OSC 52 sequence that sets the clipboard (`c`) to `text`, wrapped for tmux when `tmux` is set. */
export function osc52(text: string, tmux: boolean): string {
  const seq = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  return tmux ? `\x1bPtmux;${seq.replace(/\x1b/g, '\x1b\x1b')}\x1b\\` : seq;
}
