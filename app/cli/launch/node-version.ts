// The oldest Node.js the bundle runs on: `require()` of an ES module
// (string-width, loaded lazily) needs 20.19, and the code cache's checksum uses
// zlib.crc32 (20.15). An older Node would fail somewhere inside the start with
// a bare TypeError; the launchers say this instead.
const MIN: readonly [number, number] = [20, 19];

/** The error to print when `version` (process.versions.node) is older than the bundle needs; undefined when it will do. */
export function nodeTooOld(version: string, program: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > MIN[0] || (major === MIN[0] && minor >= MIN[1])) return undefined;
  return `${program}: needs Node.js ${MIN.join('.')} or newer; this is Node.js ${version} (${process.execPath})`;
}
