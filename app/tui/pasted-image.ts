// A pasted (or dropped) image path attaches the image (reference §3.1): a
// terminal hands over a dropped file as its path, quoted or with spaces
// escaped, or as a file:// URL. Only a lone path of an image type that exists
// counts; anything else stays text. An image that cannot be sent (too large,
// not really an image) is refused with the reason in the transcript.
import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectImage, type LocalImage } from '../agent/local-image.js';
import { shellSplit } from '../text/shell-split.js';
import type { PastedImage } from '../../widgets/composer/composer.js';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp']);

/** The one path a paste names (unquoted, unescaped, `~` and file:// resolved against `cwd`), if it names one image file. */
export function pastedImagePath(text: string, cwd: string): string | undefined {
  const t = text.trim();
  let path: string | undefined;
  if (t.startsWith('file://')) {
    try {
      path = fileURLToPath(t);
    } catch {
      return undefined;
    }
  } else {
    const split = shellSplit(t);
    if (!split.ok || split.words.length !== 1) return undefined;
    path = split.words[0]!.replace(/^~(?=\/|$)/, () => process.getBuiltinModule('node:os').homedir()); // node:os loaded when needed (~0.2 ms of every start)
  }
  if (!IMAGE_EXTENSIONS.has(extname(path).toLowerCase())) return undefined;
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** The composer's placeholder for an image: `[image shot.png 1×1]`. */
export function imageLabel(img: LocalImage): string {
  return `[image ${basename(img.path)} ${img.width}×${img.height}]`;
}

/** The composer's paste hook: an existing image file attaches; `refuse` hears why one cannot. */
export function pastedImage(text: string, cwd: string, refuse: (message: string) => void): PastedImage | undefined {
  const path = pastedImagePath(text, cwd);
  if (path === undefined || !existsSync(path)) return undefined;
  try {
    const img = inspectImage(path);
    return { label: imageLabel(img), path };
  } catch (e) {
    refuse(`${(e as Error).message}: not attached`);
    return 'refused';
  }
}
