// How long something took, as the transcript and exec output show it:
// `999ms`, `1.5s`, `1m 5s`; and how long ago something happened.

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m ${Math.floor((ms % 60_000) / 1000)}s`;
}

/** How long ago, coarsely, as the session picker shows it: `12s ago`, `3m ago`, `5h ago`, `2d ago`. */
export function timeAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}
