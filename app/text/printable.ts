// Text from commands, tools and files goes to the screen as printable text
// only: escape sequences and control characters would move the terminal's
// cursor behind the renderer's back (the TUI) or restyle the user's terminal
// (exec). Tabs become spaces (a cell has no tab stops). A carriage return
// inside a line (a progress bar redrawing itself) keeps what the terminal
// would end up showing last: the text after the last one.

// Escape sequences by their grammar (ECMA-48, ECMA-35), longest first:
// control strings (OSC, DCS, SOS, PM, APC; `ESC ] P X ^ _` or their C1 bytes)
// with their payload up to BEL or ST; CSI (`ESC [` or C1 0x9b) with parameter,
// intermediate and final bytes; nF sequences such as charset selection
// (`ESC ( B`, which `tput sgr0` sends); and ESC with one final byte (`ESC 7`,
// `ESC =`). Node's stripVTControlCharacters is not used: it keeps DCS and APC
// payloads and, after `ESC 8` or `ESC ) 0`, also eats the next letter of text.
// An unterminated control string loses only its introducer.
const SEQUENCE = new RegExp([
  '(?:\\x1b[\\]PX^_]|[\\x90\\x98\\x9d\\x9e\\x9f])[^\\x07\\x1b\\x9c]*(?:\\x07|\\x1b\\\\|\\x9c)',
  '(?:\\x1b\\[|\\x9b)[\\x30-\\x3f]*[\\x20-\\x2f]*[\\x40-\\x7e]',
  '\\x1b[\\x20-\\x2f]+[\\x30-\\x7e]',
  '\\x1b[\\x30-\\x7e]',
].join('|'), 'g');
// C0 and C1 controls but tab and line feed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function printable(text: string): string {
  if (!/[\x00-\x1f\x7f-\x9f]/.test(text)) return text;
  let out = text.replace(SEQUENCE, '').replace(/\r\n/g, '\n');
  if (out.includes('\r')) out = out.split('\n').map((line) => line.split('\r').filter((s) => s !== '').at(-1) ?? '').join('\n');
  return out.replace(/\t/g, '    ').replace(CONTROL, '');
}

/**
 * Control characters made visible as their Unicode pictures (ESC → ␛): for
 * text the user must judge, like a command awaiting approval, where silently
 * removing an escape sequence would hide part of what will run.
 */
export function visibleControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\x7f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0))));
}
