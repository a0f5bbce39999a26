// A local image the user attaches (`-i`, a pasted path, view_image): read it,
// refuse it when it is not an image we can name or is larger than the API
// takes, and say which with the size and the limit. The native CLI shrinks
// big images to fit; we send files as they are, so the limit is the API's
// per-image size, checked before anything is read or sent.
// fs.promises, not node:fs/promises: the TUI loads this module before its
// first frame (pasted paths), and node:fs/promises costs ~1.3 ms to load.
import { promises as fsp, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { byteSize } from '../text/byte-size.js';
import { IMAGE_MIME, imageHeader, type ImageHeader } from './image-header.js';

/** The most an attached image may weigh: the Responses API's limit per image. */
export const IMAGE_MAX_BYTES = 20 * 1024 * 1024;

export class ImageError extends Error {}

export interface LocalImage extends ImageHeader {
  path: string;
  bytes: number;
  mime: string;
}

function checkSize(path: string, size: number, isFile: boolean): void {
  if (!isFile) throw new ImageError(`${path} is not a file`);
  if (size > IMAGE_MAX_BYTES) {
    // Just over the limit, rounding would show the same figure twice: exact bytes then.
    const close = byteSize(size) === byteSize(IMAGE_MAX_BYTES);
    const show = (n: number): string => (close ? `${n} bytes` : byteSize(n));
    throw new ImageError(`image ${basename(path)} is ${show(size)}; the limit is ${show(IMAGE_MAX_BYTES)}`);
  }
}

function describe(path: string, data: Uint8Array): LocalImage {
  const header = imageHeader(data);
  if (!header) throw new ImageError(`${path} is not a PNG, JPEG, GIF, WebP or BMP image`);
  return { ...header, path, bytes: data.length, mime: IMAGE_MIME[header.format] };
}

function unreadable(path: string, err: unknown): ImageError {
  return err instanceof ImageError ? err : new ImageError(`unable to read image ${path}: ${(err as Error).message}`);
}

/** The image at `path` (absolute) with its data; throws ImageError saying what is wrong with it. */
export async function loadImage(path: string): Promise<LocalImage & { data: Buffer }> {
  try {
    const st = await fsp.stat(path);
    checkSize(path, st.size, st.isFile());
    const data = await fsp.readFile(path);
    // The file may have grown since the stat.
    checkSize(path, data.length, true);
    return { ...describe(path, data), data };
  } catch (err) {
    throw unreadable(path, err);
  }
}

/** What the image at `path` is, read at once (the TUI attaches it as the path is pasted). */
export function inspectImage(path: string): LocalImage {
  try {
    const st = statSync(path);
    checkSize(path, st.size, st.isFile());
    return describe(path, readFileSync(path));
  } catch (err) {
    throw unreadable(path, err);
  }
}
