/**
 * Inspector form fields from a node kind's zod params schema. The schema goes through
 * z.toJSONSchema (input side, so defaults count as optional) and each property becomes one field
 * descriptor; the React form only renders descriptors, so what it can show is tested here.
 */
import { z } from 'zod';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
}

interface FieldBase {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  default?: unknown;
}

export type FormField =
  | (FieldBase & { type: 'number'; integer: boolean; min?: number; max?: number; exclusiveMin?: boolean; exclusiveMax?: boolean })
  | (FieldBase & { type: 'enum'; options: string[] })
  | (FieldBase & { type: 'boolean' })
  | (FieldBase & { type: 'string' })
  /** A model file path: picked from the model catalog. */
  | (FieldBase & { type: 'model' })
  | (FieldBase & { type: 'multi-enum'; options: string[]; minItems?: number })
  | (FieldBase & { type: 'list'; itemType: 'string' | 'number' })
  /** A nested object (e.g. one rule of a decision): its own fields, switched on and off as a whole when optional. */
  | (FieldBase & { type: 'object'; fields: FormField[] })
  /** Anything richer (unions, objects of objects' unions …): edited as JSON text. */
  | (FieldBase & { type: 'json' });

const MODEL_KEYS = new Set(['model', 'modelPath']);

export function formFromSchema(schema: z.ZodType): FormField[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return fieldsOf(json);
}

function fieldsOf(object: JsonSchema): FormField[] {
  const required = new Set(object.required ?? []);
  return Object.entries(object.properties ?? {}).map(([key, prop]) => toField(key, prop, required.has(key)));
}

function toField(key: string, prop: JsonSchema, required: boolean): FormField {
  const base: FieldBase = { key, label: prop.title ?? humanize(key), required, ...(prop.description ? { description: prop.description } : {}) };
  if (prop.default !== undefined) base.default = prop.default;
  const type = Array.isArray(prop.type) ? prop.type.find((t) => t !== 'null') : prop.type;
  const choices = enumOf(prop);
  if (choices) return { ...base, type: 'enum', options: choices };
  if (type === 'number' || type === 'integer') {
    return {
      ...base,
      type: 'number',
      integer: type === 'integer',
      ...bound(prop.minimum, prop.exclusiveMinimum, 'min'),
      ...bound(prop.maximum, prop.exclusiveMaximum, 'max'),
    };
  }
  if (type === 'boolean') return { ...base, type: 'boolean' };
  if (type === 'string') return { ...base, type: MODEL_KEYS.has(key) || /model file/i.test(prop.description ?? '') ? 'model' : 'string' };
  if (type === 'array' && prop.items) {
    const itemChoices = enumOf(prop.items);
    if (itemChoices) return { ...base, type: 'multi-enum', options: itemChoices, ...(prop.minItems !== undefined ? { minItems: prop.minItems } : {}) };
    if (prop.items.type === 'string') return { ...base, type: 'list', itemType: 'string' };
    if (prop.items.type === 'number' || prop.items.type === 'integer') return { ...base, type: 'list', itemType: 'number' };
  }
  if (type === 'object' && prop.properties && Object.keys(prop.properties).length > 0) return { ...base, type: 'object', fields: fieldsOf(prop) };
  return { ...base, type: 'json' };
}

function enumOf(prop: JsonSchema): string[] | undefined {
  if (prop.enum?.every((v) => typeof v === 'string')) return prop.enum as string[];
  const branches = prop.anyOf ?? prop.oneOf;
  if (branches?.length && branches.every((b) => typeof b.const === 'string' || b.enum?.every((v) => typeof v === 'string'))) {
    return branches.flatMap((b) => (b.enum as string[] | undefined) ?? [b.const as string]);
  }
  return undefined;
}

function bound(inclusive: number | undefined, exclusive: number | undefined, side: 'min' | 'max') {
  // z.number().int() reports ±2^53-1 as its range: not a bound worth showing to anyone.
  if (inclusive !== undefined && Math.abs(inclusive) >= Number.MAX_SAFE_INTEGER) return {};
  if (inclusive !== undefined) return { [side]: inclusive };
  if (exclusive !== undefined) return { [side]: exclusive, [side === 'min' ? 'exclusiveMin' : 'exclusiveMax']: true };
  return {};
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Zod's own messages per top-level field, for showing next to the inputs. */
export function fieldErrors(schema: z.ZodType, params: unknown): Record<string, string[]> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '';
    (out[key] ??= []).push(issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ${issue.message}` : issue.message);
  }
  return out;
}

/** What a text box's content means for a field: numbers become numbers when they parse, else stay text so zod reports them. */
export function coerceInput(field: FormField, raw: string): unknown {
  if (field.type === 'number') return raw.trim() === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (field.type === 'list') {
    const items = raw.split(',').map((s) => s.trim()).filter(Boolean);
    return field.itemType === 'number' ? items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s)) : items;
  }
  if (field.type === 'json') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw === '' && !field.required ? undefined : raw;
}
