// A user turn as the model receives it: text and images in one user message.
// Local images are read and sent inline as data URLs.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { ContentItem, ResponseItem } from '../model/items.js';
import type { InputItem } from '../protocol/ops.js';

const MIME: Readonly<Record<string, string>> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.bmp': 'image/bmp',
};

async function content(item: InputItem, cwd: string): Promise<ContentItem> {
  switch (item.type) {
    case 'text':
      return { type: 'input_text', text: item.text };
    case 'image':
      return { type: 'input_image', image_url: item.image_url };
    case 'local_image': {
      const path = resolve(cwd, item.path);
      const mime = MIME[extname(path).toLowerCase()];
      if (!mime) throw new Error(`unsupported image ${path}: expected one of ${Object.keys(MIME).join(', ')}`);
      let data: Buffer;
      try {
        data = await readFile(path);
      } catch (err) {
        throw new Error(`unable to read image ${path}: ${(err as Error).message}`);
      }
      return { type: 'input_image', image_url: `data:${mime};base64,${data.toString('base64')}` };
    }
  }
}

export async function userInputItems(input: readonly InputItem[], cwd: string): Promise<ResponseItem[]> {
  if (input.length === 0) return [];
  const parts = await Promise.all(input.map((i) => content(i, cwd)));
  return [{ type: 'message', role: 'user', content: parts }];
}
