/**
 * A strict walk over protobuf wire format: every field's number, wire type and extent. Used to
 * vet untrusted bytes (protobufjs happily decodes many non-ONNX files into garbage) and to
 * record what the generated decoder throws away (unknown fields, packing, field order).
 */
export interface WireField {
  no: number;
  wireType: number;
  /** Offsets of the whole field (tag included) and of its value/payload. */
  start: number;
  valueStart: number;
  end: number;
}

export class WireError extends Error {}

function varintEnd(buf: Uint8Array, pos: number, limit: number): number {
  for (let i = 0; i < 10; i++) {
    if (pos + i >= limit) throw new WireError(`varint runs past the end at byte ${pos}`);
    if ((buf[pos + i] & 0x80) === 0) return pos + i + 1;
  }
  throw new WireError(`varint longer than 10 bytes at byte ${pos}`);
}

/** Reads a varint known to fit in a JS number (tags and lengths). */
function smallVarint(buf: Uint8Array, pos: number, limit: number): [value: number, next: number] {
  const next = varintEnd(buf, pos, limit);
  let value = 0;
  for (let i = next - 1; i >= pos; i--) value = value * 128 + (buf[i] & 0x7f);
  return [value, next];
}

/** The fields of the message occupying buf[from, to); throws WireError on malformed input. */
export function wireFields(buf: Uint8Array, from = 0, to = buf.length): WireField[] {
  const fields: WireField[] = [];
  let pos = from;
  while (pos < to) {
    const start = pos;
    const [tag, afterTag] = smallVarint(buf, pos, to);
    const no = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (no === 0) throw new WireError(`field number 0 at byte ${start}`);
    let valueStart = afterTag;
    if (wireType === 0) pos = varintEnd(buf, afterTag, to);
    else if (wireType === 1) pos = afterTag + 8;
    else if (wireType === 5) pos = afterTag + 4;
    else if (wireType === 2) {
      const [len, afterLen] = smallVarint(buf, afterTag, to);
      valueStart = afterLen;
      pos = afterLen + len;
    } else throw new WireError(`unsupported wire type ${wireType} at byte ${start}`);
    if (pos > to) throw new WireError(`field ${no} at byte ${start} runs past the end of the data`);
    fields.push({ no, wireType, start, valueStart, end: pos });
  }
  return fields;
}
