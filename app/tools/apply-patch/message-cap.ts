// Bounds what a failed patch sends back to the model. The errors quote the
// patch (the lines that were not found, an unexpected line), and a patch may
// be megabytes long: the reply keeps its head and says how much was cut.
import { headBytes, MODEL_OUTPUT_MAX_BYTES } from '../shell-output.js';

export function capPatchMessage(message: string, max = MODEL_OUTPUT_MAX_BYTES): string {
  const total = Buffer.byteLength(message);
  if (total <= max) return message;
  const head = headBytes(message, max);
  const rest = message.slice(head.length);
  let lines = rest.endsWith('\n') ? 0 : 1;
  for (let i = rest.indexOf('\n'); i !== -1; i = rest.indexOf('\n', i + 1)) lines++;
  return `${head}\n[... cut ${total - Buffer.byteLength(head)} more bytes on ${lines} lines ...]`;
}
