// The TUI's clock: milliseconds on a monotonic clock, as performance.now()
// counts them, but read from process.hrtime: the first touch of `performance`
// loads perf_hooks, ~1 ms of CPU before the first frame. Input timestamps,
// frame pacing and the app's timers all read this one clock, so their times
// compare.
const origin = process.hrtime.bigint();

export function nowMs(): number {
  return Number(process.hrtime.bigint() - origin) / 1e6;
}
