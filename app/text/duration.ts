// How long something took, as the transcript and exec output show it:
// `999ms`, `1.5s`, `1m 5s`.

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m ${Math.floor((ms % 60_000) / 1000)}s`;
}
