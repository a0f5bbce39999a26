// What terminals send unasked or in answer to queries (none of it is typing),
// for the decoder's tests and the random-input property test.
export const REPLIES = [
  '\x1b[?u', '\x1b[?15u', // kitty keyboard protocol flags
  '\x1b[?62;c', '\x1b[?64;1;2;6;9;15;18;21;22c', '\x1b[>1;10;0c', '\x1b[>41;380;0c', // DA1, DA2
  '\x1b[12;40R', '\x1b[24;80R', // cursor position reports
  '\x1b[?2026;2$y', '\x1b[?1004;1$y', // DECRPM
  '\x1b]11;rgb:1e1e/1e1e/1e1e\x07', '\x1b]10;rgb:ffff/ffff/ffff\x1b\\', // OSC colour reports, BEL and ST ended
  '\x1bP>|xterm(390)\x1b\\', '\x1bP1$r0m\x1b\\', // DCS: XTVERSION, DECRQSS
  '\x1b_Gi=31;OK\x1b\\', '\x1b^privacy\x1b\\', '\x1bXsos\x1b\\', // APC (kitty graphics), PM, SOS
  '\x1b[>4;2m', '\x1b[0n', '\x1b[201~', '\x1b[99999999u', '\x1b[27;5;99999999~', '\x1b[57399u', '\x1b[97;1:3u',
  '\x1b[<2;3;3M', '\x1b[M #!', // mouse clicks: the right button (SGR; the left one selects text), X10
];
