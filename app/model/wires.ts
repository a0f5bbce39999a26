// The wires a provider may speak, by `wire_api`: the record's type makes a
// new value of the config enum fail to compile until its wire is listed here.
import type { ModelProviderInfo } from '../config/types.js';
import type { WireApi } from '../config/schema.js';
import { CHAT_WIRE } from './chat-wire.js';
import { RESPONSES_WIRE } from './responses-wire.js';
import type { Wire } from './wire.js';

const WIRES: Readonly<Record<WireApi, Wire>> = { responses: RESPONSES_WIRE, chat: CHAT_WIRE };

export function wireOf(provider: Pick<ModelProviderInfo, 'wireApi'>): Wire {
  return WIRES[provider.wireApi];
}
