// Coerces an MCP tool's inputSchema into the JSON-Schema subset the model APIs
// accept for function parameters (reference §6.1): every node gets a `type`
// (inferred when missing, `string` by default), objects get `properties`,
// arrays get `items`, `integer` becomes `number`. Keywords outside the subset
// (anyOf, $ref, pattern, …) are dropped rather than risk a rejected request.

export type SanitizedSchema =
  | { type: 'string'; description?: string; enum?: string[] }
  | { type: 'number' | 'boolean'; description?: string }
  | { type: 'array'; description?: string; items: SanitizedSchema }
  | {
      type: 'object';
      description?: string;
      properties: Record<string, SanitizedSchema>;
      required?: string[];
      additionalProperties?: boolean | SanitizedSchema;
    };

type Json = Record<string, unknown>;
const KNOWN_TYPES = ['object', 'array', 'string', 'number', 'integer', 'boolean'] as const;
type KnownType = (typeof KNOWN_TYPES)[number];

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKnownType = (v: unknown): v is KnownType => typeof v === 'string' && (KNOWN_TYPES as readonly string[]).includes(v);

function declaredType(node: Json): KnownType | undefined {
  const t = node.type;
  if (isKnownType(t)) return t;
  // ["string", "null"] and the like: the first type the subset knows.
  if (Array.isArray(t)) return t.find(isKnownType);
  return undefined;
}

function inferType(node: Json): KnownType {
  const has = (k: string) => k in node;
  if (has('properties') || has('required') || has('additionalProperties')) return 'object';
  if (has('items') || has('prefixItems')) return 'array';
  if (has('enum') || has('const') || has('format')) return 'string';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some(has)) return 'number';
  return 'string';
}

export function sanitizeSchema(input: unknown): SanitizedSchema {
  if (!isObject(input)) return { type: 'string' };
  const type = declaredType(input) ?? inferType(input);
  const description = typeof input.description === 'string' ? { description: input.description } : {};
  switch (type) {
    case 'object': {
      const properties: Record<string, SanitizedSchema> = {};
      if (isObject(input.properties)) {
        for (const [key, value] of Object.entries(input.properties)) properties[key] = sanitizeSchema(value);
      }
      const out: SanitizedSchema = { type: 'object', ...description, properties };
      if (Array.isArray(input.required)) {
        const required = input.required.filter((r): r is string => typeof r === 'string' && r in properties);
        if (required.length) out.required = required;
      }
      const extra = input.additionalProperties;
      if (typeof extra === 'boolean') out.additionalProperties = extra;
      else if (isObject(extra)) out.additionalProperties = sanitizeSchema(extra);
      return out;
    }
    case 'array':
      return { type: 'array', ...description, items: 'items' in input && !Array.isArray(input.items) ? sanitizeSchema(input.items) : { type: 'string' } };
    case 'string': {
      const values = Array.isArray(input.enum) ? input.enum : undefined;
      return values && values.length && values.every((v) => typeof v === 'string')
        ? { type: 'string', ...description, enum: values as string[] }
        : { type: 'string', ...description };
    }
    case 'integer':
    case 'number':
      return { type: 'number', ...description };
    case 'boolean':
      return { type: 'boolean', ...description };
  }
}
