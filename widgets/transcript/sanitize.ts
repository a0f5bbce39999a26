// Text from commands, tools and files goes into cells as printable text only:
// escape sequences and control characters would move the terminal's cursor
// behind the renderer's back. Tabs become spaces (a cell has no tab stops). A
// carriage return inside a line (a progress bar redrawing itself) keeps what
// the terminal would end up showing last: the text after the last one.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function printable(text: string): string {
  if (!/[\x00-\x1f\x7f]/.test(text)) return text;
  let out = text.replace(ANSI, '').replace(/\r\n/g, '\n');
  if (out.includes('\r')) out = out.split('\n').map((line) => line.split('\r').filter((s) => s !== '').at(-1) ?? '').join('\n');
  return out.replace(/\t/g, '    ').replace(CONTROL, '');
}

/**
 * Control characters made visible as their Unicode pictures (ESC → ␛): for
 * text the user must judge, like a command awaiting approval, where silently
 * removing an escape sequence would hide part of what will run.
 */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => (c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}
