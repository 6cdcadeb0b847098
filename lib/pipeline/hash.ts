import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { stableStringify } from './stable-json';

/** sha256 hex of a value's canonical JSON; browser-safe (no node:crypto). */
export function hashJson(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(stableStringify(value))));
}
