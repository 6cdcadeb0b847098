/**
 * Encodes a decoded (or code-built) ONNX message from the schema table, honouring the wire notes
 * left by readModel: the bytes protobuf's C++ writer would produce, or the original file's own
 * quirks (unknown fields, packing, field order) when the message came from a file.
 */
import { ByteSink, type Int64Like } from './byte-sink';
import { SCHEMA, isPackable, type FieldSpec } from './schema';
import { wireNotesOf } from './wire-notes';

type Message = Record<string, unknown>;

export function encodeMessage(message: object, type: string, sink = new ByteSink()): ByteSink {
  const notes = wireNotesOf(message);
  const pieces = new Map<number, ByteSink[]>();
  for (const field of SCHEMA[type]) {
    const list = fieldPieces(message as Message, field, notes?.flipped.has(field.no) ?? false);
    if (list.length > 0) pieces.set(field.no, list);
  }
  for (const u of notes?.unknown ?? []) {
    const s = new ByteSink();
    s.bytes(u.bytes);
    pieces.set(u.no, [...(pieces.get(u.no) ?? []), s]);
  }
  const ordered = (notes?.sequence && inSequence(pieces, notes.sequence)) || [...pieces.values()].flat();
  for (const piece of ordered) sink.append(piece);
  return sink;
}

/** The pieces in the file's original order, or undefined when the message no longer fits it. */
function inSequence(pieces: Map<number, ByteSink[]>, sequence: number[]): ByteSink[] | undefined {
  const next = new Map<number, number>();
  const out: ByteSink[] = [];
  for (const no of sequence) {
    const i = next.get(no) ?? 0;
    const piece = pieces.get(no)?.[i];
    if (!piece) return undefined;
    next.set(no, i + 1);
    out.push(piece);
  }
  const total = [...pieces.values()].reduce((n, list) => n + list.length, 0);
  return out.length === total ? out : undefined;
}

/** One sink per wire occurrence of the field (a packed run is one occurrence). */
function fieldPieces(message: Message, field: FieldSpec, flipped: boolean): ByteSink[] {
  const value = message[field.name];
  if (value == null) return [];
  if (!field.repeated) {
    if (!Object.prototype.hasOwnProperty.call(message, field.name)) return [];
    return [single(field, value)];
  }
  const items = value as unknown[];
  if (items.length === 0) return [];
  if (isPackable(field.type) && field.packed !== flipped) {
    const body = new ByteSink();
    for (const item of items) scalar(body, field.type, item);
    const s = new ByteSink();
    s.tag(field.no, 2);
    s.varint(body.size);
    s.append(body);
    return [s];
  }
  return items.map((item) => single(field, item));
}

function single(field: FieldSpec, value: unknown): ByteSink {
  const s = new ByteSink();
  if (field.message) {
    const body = encodeMessage(value as object, field.type);
    s.tag(field.no, 2);
    s.varint(body.size);
    s.append(body);
    return s;
  }
  s.tag(field.no, WIRE_TYPE[field.type]);
  scalar(s, field.type, value);
  return s;
}

const WIRE_TYPE: Record<string, number> = { string: 2, bytes: 2, float: 5, double: 1, int32: 0, int64: 0, uint64: 0 };
const utf8 = new TextEncoder();
const scratch = new DataView(new ArrayBuffer(8));

function scalar(s: ByteSink, type: string, value: unknown): void {
  switch (type) {
    case 'string': {
      const bytes = utf8.encode(String(value));
      s.varint(bytes.length);
      s.bytes(bytes);
      return;
    }
    case 'bytes': {
      const bytes = value instanceof Uint8Array ? value : Uint8Array.from(value as number[]);
      s.varint(bytes.length);
      s.bytes(bytes);
      return;
    }
    case 'float':
      scratch.setFloat32(0, Number(value), true);
      for (let i = 0; i < 4; i++) s.byte(scratch.getUint8(i));
      return;
    case 'double':
      scratch.setFloat64(0, Number(value), true);
      for (let i = 0; i < 8; i++) s.byte(scratch.getUint8(i));
      return;
    default:
      s.varint(value as Int64Like);
  }
}
