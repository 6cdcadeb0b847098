/**
 * An append-only byte buffer made of parts: large byte fields (tensor raw_data) and nested
 * messages are linked in rather than copied, so a model is copied once, when it is finished.
 */
/** A protobuf int64 as protobufjs hands it over: number, Long-like {low, high}, string or bigint. */
export type Int64Like = number | bigint | string | { low: number; high: number };

export class ByteSink {
  readonly parts: Uint8Array[] = [];
  size = 0;
  private scratch: number[] = [];

  byte(b: number): void {
    this.scratch.push(b);
    this.size++;
  }

  varint(value: Int64Like): void {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
      let v = value;
      while (v >= 0x80) {
        this.byte((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
      }
      this.byte(v);
      return;
    }
    // Negative and 64-bit values: two's complement over 64 bits, as protobuf writes int32/int64.
    let v = BigInt.asUintN(64, toBigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  tag(no: number, wireType: number): void {
    this.varint(no * 8 + wireType);
  }

  bytes(data: Uint8Array): void {
    if (data.length < 64) {
      for (const b of data) this.scratch.push(b);
      this.size += data.length;
      return;
    }
    this.flush();
    this.parts.push(data);
    this.size += data.length;
  }

  /** Appends another sink's content without copying its parts. */
  append(other: ByteSink): void {
    other.flush();
    this.flush();
    for (const p of other.parts) this.parts.push(p);
    this.size += other.size;
  }

  flush(): void {
    if (this.scratch.length === 0) return;
    this.parts.push(Uint8Array.from(this.scratch));
    this.scratch = [];
  }

  finish(): Uint8Array {
    this.flush();
    if (this.parts.length === 1) return this.parts[0];
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}

export function toBigInt(value: Int64Like): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'string') return BigInt(value);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}
