/**
 * What the generated decoder forgets about a message's original encoding, kept beside the
 * decoded object so writeModel can reproduce the file byte for byte: fields ONNX does not know
 * yet (newer IR versions), packing that differs from onnx.proto, and a non-canonical field order.
 * Notes live in a WeakMap: a message built or replaced by code simply has none.
 */
import { SCHEMA, isPackable, type FieldSpec } from './schema';
import { wireFields } from './wire-reader';

export interface WireNotes {
  /** Unknown fields, raw (tag included), by field number, in file order. */
  unknown: { no: number; bytes: Uint8Array }[];
  /** Packable fields written the other way round from onnx.proto. */
  flipped: Set<number>;
  /** Field numbers, one per wire occurrence, when the fields were not in canonical order. */
  sequence?: number[];
}

const notes = new WeakMap<object, WireNotes>();

export function wireNotesOf(message: object): WireNotes | undefined {
  return notes.get(message);
}

/** Walks the original bytes beside the decoded message tree and records what decoding lost. */
export function recordWireNotes(message: object, type: string, buf: Uint8Array, from = 0, to = buf.length): void {
  const schema = SCHEMA[type];
  const byNo = new Map<number, FieldSpec>(schema.map((f) => [f.no, f]));
  const seen = new Map<number, number>();
  const note: WireNotes = { unknown: [], flipped: new Set() };
  const sequence: number[] = [];
  let canonical = true;
  let lastKnown = 0;
  for (const field of wireFields(buf, from, to)) {
    const spec = byNo.get(field.no);
    sequence.push(field.no);
    if (!spec) {
      note.unknown.push({ no: field.no, bytes: buf.subarray(field.start, field.end) });
      continue;
    }
    if (note.unknown.length > 0 || field.no < lastKnown) canonical = false;
    lastKnown = field.no;
    const index = seen.get(field.no) ?? 0;
    seen.set(field.no, index + 1);
    if (spec.message) {
      const value = (message as Record<string, unknown>)[spec.name];
      const child = spec.repeated ? (value as object[] | undefined)?.[index] : value;
      if (child && typeof child === 'object') recordWireNotes(child, spec.type, buf, field.valueStart, field.end);
    } else if (spec.repeated && isPackable(spec.type) && (field.wireType === 2) !== spec.packed) {
      note.flipped.add(field.no);
    }
  }
  if (!canonical) note.sequence = sequence;
  if (note.unknown.length > 0 || note.flipped.size > 0 || note.sequence) notes.set(message, note);
}

