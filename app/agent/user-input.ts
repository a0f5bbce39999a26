// A user turn as the model receives it: text and images in one user message.
// Local images are read and sent inline as data URLs, typed by their header
// (local-image.ts refuses what is no image or too large, saying why).
import { resolve } from 'node:path';
import type { ContentItem, ResponseItem } from '../model/items.js';
import type { InputItem } from '../protocol/ops.js';
import { loadImage } from './local-image.js';

async function content(item: InputItem, cwd: string): Promise<ContentItem> {
  switch (item.type) {
    case 'text':
      return { type: 'input_text', text: item.text };
    case 'image':
      return { type: 'input_image', image_url: item.image_url };
    case 'local_image': {
      const { mime, data } = await loadImage(resolve(cwd, item.path));
      return { type: 'input_image', image_url: `data:${mime};base64,${data.toString('base64')}` };
    }
  }
}

export async function userInputItems(input: readonly InputItem[], cwd: string): Promise<ResponseItem[]> {
  if (input.length === 0) return [];
  const parts = await Promise.all(input.map((i) => content(i, cwd)));
  return [{ type: 'message', role: 'user', content: parts }];
}
