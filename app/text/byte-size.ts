// A byte count as people read it: `512 bytes`, `900 KiB`, `1.5 MiB`, `20 MiB`.
const UNITS = ['KiB', 'MiB', 'GiB'] as const;

export function byteSize(n: number): string {
  if (n < 1024) return `${n} bytes`;
  let v = n / 1024;
  let unit: string = UNITS[0];
  for (const u of UNITS.slice(1)) {
    if (v < 1024) break;
    v /= 1024;
    unit = u;
  }
  // One decimal, dropped when it is .0: 20 MiB, not 20.0 MiB.
  return `${Number(v.toFixed(1))} ${unit}`;
}
