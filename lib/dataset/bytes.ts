/**
 * Byte-level checks done in JavaScript before DuckDB sees a file: the UTF-8
 * byte-order mark, invalid UTF-8 (DuckDB would fail or mangle it), and the
 * header record.
 */
import { parseCsvText } from "./csv.js";

const BOM = [0xef, 0xbb, 0xbf];

/** True when the bytes start with the UTF-8 byte-order mark EF BB BF. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/** The bytes without a leading UTF-8 byte-order mark (a view, not a copy). */
export function stripBom(bytes: Uint8Array): Uint8Array {
  return hasBom(bytes) ? bytes.subarray(3) : bytes;
}

export interface InvalidUtf8 {
  /** 0-based byte offset of the first invalid byte. */
  offset: number;
  /** 1-based physical line containing it. */
  line: number;
  /** The byte values from the offset (up to 4), e.g. [0xe9]. */
  bytes: number[];
  /** The line's text up to the bad byte (at most 60 characters). */
  before: string;
}

/** Length of the valid UTF-8 sequence at i, or 0 when the bytes there are invalid (RFC 3629). */
function seqLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const c1 = b[i + 1];
    if (c === 0xe0 && c1 < 0xa0) return 0;
    if (c === 0xed && c1 > 0x9f) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const c1 = b[i + 1];
    if (c === 0xf0 && c1 < 0x90) return 0;
    if (c === 0xf4 && c1 > 0x8f) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const CHUNK = 1 << 22;

/**
 * Finds the first invalid UTF-8 byte, or null when the whole input is valid.
 * The fast path is the platform decoder (TextDecoder, fatal) over 4 MB
 * chunks; only a failing chunk is walked byte by byte to find the offset.
 * Example: findInvalidUtf8(new Uint8Array([0x61, 0xe9, 0x0a])) → {offset: 1, line: 1, bytes: [0xe9, 0x0a], before: "a"}
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8 | null {
  // Node's buffer.isUtf8 (simdutf) is about ten times faster; the browser takes the decoder path.
  const isUtf8 = (globalThis as { Buffer?: { isUtf8?: (b: Uint8Array) => boolean } }).Buffer?.isUtf8;
  if (isUtf8?.(bytes)) return null;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  let failed = -1;
  try {
    for (; start < bytes.length; start += CHUNK) {
      decoder.decode(bytes.subarray(start, Math.min(bytes.length, start + CHUNK)), { stream: true });
    }
    decoder.decode();
    return null;
  } catch {
    failed = Math.max(0, start - 4);
  }
  // Back up to a character boundary, then walk.
  let i = failed;
  while (i > 0 && (bytes[i] & 0xc0) === 0x80) i--;
  let offset = -1;
  for (; i < bytes.length; ) {
    const len = seqLength(bytes, i);
    if (len === 0) {
      offset = i;
      break;
    }
    i += len;
  }
  if (offset < 0) offset = bytes.length - 1;
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++)
    if (bytes[k] === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(Math.max(lineStart, offset - 60), offset));
  return { offset, line, bytes: Array.from(bytes.subarray(offset, offset + 4)), before };
}

/** Hex form of bytes for messages: [0xe9, 0x0a] → "E9 0A". */
export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

/** Decodes the first `minBytes` of the file (not cutting a character in two), for sniffing. */
export function headText(bytes: Uint8Array, minBytes = 1 << 16): string {
  const end = Math.min(bytes.length, minBytes);
  let cut = end;
  // Do not cut inside a multi-byte character.
  while (cut < bytes.length && cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return new TextDecoder("utf-8").decode(bytes.subarray(0, cut));
}

/**
 * The header record's names, trimmed, parsed with `delimiter` (quotes and
 * embedded line breaks handled). Empty names stay empty (read.ts renames
 * them "column<N>" with a warning).
 */
export function readHeader(bytes: Uint8Array, delimiter: string): string[] {
  let size = 1 << 16;
  for (;;) {
    const text = headText(bytes, size);
    const { rows } = parseCsvText(text, delimiter, 2);
    const whole = size >= bytes.length;
    if (rows.length >= 2 || whole) return (rows[0] ?? []).map((n) => n.trim());
    size *= 4;
  }
}

/**
 * UTF-16 text, by its byte-order mark (FF FE little-endian, FE FF
 * big-endian) or, without one, by NUL bytes in every other position of the
 * first 4 KB (ASCII text in UTF-16 has a 00 byte beside each character).
 * Example: utf16Kind(bytes of "a\0b\0") → "UTF-16LE"
 */
export function utf16Kind(bytes: Uint8Array): { kind: "UTF-16LE" | "UTF-16BE"; bom: boolean } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: "UTF-16LE", bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: "UTF-16BE", bom: true };
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  if (odd >= 0.5 * half && even < 0.1 * half) return { kind: "UTF-16LE", bom: false };
  if (even >= 0.5 * half && odd < 0.1 * half) return { kind: "UTF-16BE", bom: false };
  return null;
}

/** The 1-based line of byte `offset` (counting LF, and CR not followed by LF). */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset; k++) if (bytes[k] === 0x0a || (bytes[k] === 0x0d && bytes[k + 1] !== 0x0a)) line++;
  return line;
}
