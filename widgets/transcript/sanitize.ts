// Text from commands, tools and files goes into cells as printable text only:
// escape sequences and control characters would move the terminal's cursor
// behind the renderer's back. Tabs become spaces (a cell has no tab stops).
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

export function printable(text: string): string {
  if (!/[\x00-\x1f\x7f]/.test(text)) return text;
  return text.replace(ANSI, '').replace(/\r\n/g, '\n').replace(/\t/g, '    ').replace(CONTROL, '');
}
