// What the model reads back from the shell tool (reference §4.3, classic):
// `{"output": …, "metadata": {"exit_code": N, "duration_seconds": X.Y}}`, the
// output capped at 10 KiB and 256 lines: the first and last 128 lines with a
// `[... omitted k of N lines ...]` marker between them.
import type { ExecOutcome } from './exec.js';
import { isContinuationByte } from './utf8.js';

export const MODEL_OUTPUT_MAX_BYTES = 10 * 1024;
export const MODEL_OUTPUT_MAX_LINES = 256;
const HEAD_LINES = MODEL_OUTPUT_MAX_LINES / 2;
const TAIL_LINES = MODEL_OUTPUT_MAX_LINES - HEAD_LINES;
const HEAD_BYTES = MODEL_OUTPUT_MAX_BYTES / 2;

/** Lines as Rust's `str::lines` counts them (no empty line after a final newline). */
function lineCount(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The longest prefix of `text` within `max` UTF-8 bytes, cut at a character boundary. */
export function headBytes(text: string, max: number): string {
  const buf = Buffer.from(text);
  if (buf.length <= max) return text;
  let end = Math.max(0, max);
  while (end > 0 && isContinuationByte(buf[end])) end--;
  return buf.subarray(0, end).toString('utf8');
}

/** The longest suffix of `text` within `max` UTF-8 bytes, cut at a character boundary. */
function tailBytes(text: string, max: number): string {
  const buf = Buffer.from(text);
  if (buf.length <= max) return text;
  let start = buf.length - Math.max(0, max);
  while (start < buf.length && isContinuationByte(buf[start])) start++;
  return buf.subarray(start).toString('utf8');
}

/**
 * Caps command output for the model; short output is returned unchanged.
 * `total` is how many lines the command wrote, when `text` is already missing
 * some (the capture's memory cap): the marker counts against the real total.
 */
export function truncateForModel(text: string, total = lineCount(text)): string {
  const kept = lineCount(text);
  if (Buffer.byteLength(text) <= MODEL_OUTPUT_MAX_BYTES && kept <= MODEL_OUTPUT_MAX_LINES) return text;
  let head = text;
  let tail = text;
  if (kept > MODEL_OUTPUT_MAX_LINES) {
    const lines = text.split('\n');
    head = lines.slice(0, HEAD_LINES).map((l) => `${l}\n`).join('');
    tail = lines.slice(kept - TAIL_LINES, kept).map((l) => `${l}\n`).join('');
  }
  const marker = (omitted: number): string => `\n[... omitted ${omitted} of ${total} lines ...]\n\n`;
  const headPart = headBytes(head, HEAD_BYTES);
  // Budget with the longest marker this text can need; omitted ≤ total.
  const tailPart = tailBytes(tail, MODEL_OUTPUT_MAX_BYTES - Buffer.byteLength(headPart) - Buffer.byteLength(marker(total)));
  const omitted = Math.max(0, total - lineCount(headPart) - lineCount(tailPart));
  return headPart + marker(omitted) + tailPart;
}

/**
 * The tool output text for a finished command. A command that could not start
 * reads like one that failed: its reason as the output and the exit code the
 * front ends show (127 not found, 126 not runnable), as a shell would say it.
 */
export function formatShellOutput(r: ExecOutcome): string {
  let output = r.spawnError ?? r.aggregatedOutput;
  let lines = r.aggregatedLines;
  if (r.timedOut) {
    output += `${output === '' || output.endsWith('\n') ? '' : '\n'}command timed out after ${r.timeoutMs} milliseconds`;
    lines++;
  }
  return JSON.stringify({
    output: truncateForModel(output, lines),
    metadata: { exit_code: r.exitCode, duration_seconds: Math.round(r.durationMs / 100) / 10 },
  });
}
