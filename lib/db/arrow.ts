/**
 * Converts Apache Arrow tables (what DuckDB-WASM returns, in Node and in the
 * browser) into the normalised rows and columns of `Db`.
 */
import type { Columns, Row, Value } from "./types.js";
import { formatDate, formatTimestamp } from "./types.js";

/** One chunk of an Arrow vector: `values` already starts at the chunk's first value; the validity bitmap is indexed from `offset`. */
export interface ArrowDataLike {
  values: ArrayLike<number | bigint>;
  /** Variable-width types (Utf8): value i of the chunk is bytes valueOffsets[i] … valueOffsets[i + 1] of `values`. */
  valueOffsets?: ArrayLike<number | bigint>;
  nullBitmap?: Uint8Array | null;
  offset: number;
  length: number;
  nullCount: number;
  stride?: number;
}

/** The subset of an Arrow table used here (avoids a direct apache-arrow dependency). */
export interface ArrowLike {
  numRows: number;
  schema: { fields: { name: string; type: { typeId: number; unit?: number; scale?: number; precision?: number; toString(): string } }[] };
  getChildAt(i: number): { get(i: number): unknown; toArray(): ArrayLike<unknown>; data?: ArrowDataLike[] } | null;
}

// Arrow type ids (apache-arrow Type enum).
const T = { Int: 2, Float: 3, Utf8: 5, Decimal: 7, Date: 8, Timestamp: 10, Bool: 6 } as const;

type Conv = (v: unknown) => Value;

function converter(type: { typeId: number; unit?: number; scale?: number; toString(): string }): Conv {
  switch (type.typeId) {
    case T.Date:
      return (v) => (v == null ? null : formatDate(Number(v)));
    case T.Timestamp: {
      // TimeUnit: 0 s, 1 ms, 2 µs, 3 ns. arrow-js returns ms numbers for all.
      return (v) => (v == null ? null : formatTimestamp(Number(v)));
    }
    case T.Decimal: {
      const scale = type.scale ?? 0;
      return (v) => {
        if (v == null) return null;
        // arrow-js decimals come as Uint32Array words; go through the string form.
        const s = String(v);
        const n = Number(s);
        return Number.isFinite(n) ? n / 10 ** scale : Number(s);
      };
    }
    default:
      return (v) => {
        if (v == null) return null;
        if (typeof v === "bigint") return Number(v);
        if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
        return String(v);
      };
  }
}

export function arrowToRows<T extends Row>(table: ArrowLike): T[] {
  const fields = table.schema.fields;
  const convs = fields.map((f) => converter(f.type));
  const cols = fields.map((_, i) => table.getChildAt(i)!);
  const out: T[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = convs[c](cols[c].get(r));
    out[r] = row as T;
  }
  return out;
}

const HALF = 0; // Arrow Precision.HALF: float16 values are stored as uint16 bits

/**
 * An Int or Float (not half) vector as a Float64Array, straight from its
 * chunks' typed arrays: one copy per chunk when there is no null, else a loop
 * that reads the validity bitmap (nulls → NaN); 64-bit integers through
 * Number(). Null when the vector does not expose its chunks.
 */
function numericColumn(child: NonNullable<ReturnType<ArrowLike["getChildAt"]>>, n: number): Float64Array | null {
  const chunks = child.data;
  if (!Array.isArray(chunks)) return null;
  const out = new Float64Array(n);
  let pos = 0;
  for (const d of chunks) {
    if ((d.stride ?? 1) !== 1 || pos + d.length > n) return null;
    const v = d.values;
    const nulls = d.nullCount > 0 && d.nullBitmap && d.nullBitmap.byteLength > 0 ? d.nullBitmap : null;
    if (!nulls && !(v instanceof BigInt64Array || v instanceof BigUint64Array)) {
      out.set((v as Float64Array).subarray(0, d.length), pos);
    } else {
      for (let r = 0; r < d.length; r++) {
        const bit = d.offset + r;
        out[pos + r] = nulls && (nulls[bit >> 3] & (1 << (bit & 7))) === 0 ? NaN : Number(v[r]);
      }
    }
    pos += d.length;
  }
  return pos === n ? out : null;
}

/**
 * An 8-bit integer vector with no null as one Int8Array / Uint8Array (the
 * chunks concatenated), else null: a column of 0/1 indicators then takes 1
 * byte a row instead of 8 (what-if units, lib/scoring/units.ts).
 */
function byteColumn(child: NonNullable<ReturnType<ArrowLike["getChildAt"]>>, n: number): Int8Array | Uint8Array | null {
  const chunks = child.data;
  if (!Array.isArray(chunks) || chunks.length === 0) return null;
  const kind = chunks[0].values instanceof Uint8Array ? Uint8Array : chunks[0].values instanceof Int8Array ? Int8Array : null;
  if (!kind || chunks.some((d) => !(d.values instanceof kind) || d.nullCount > 0 || (d.stride ?? 1) !== 1)) return null;
  const out = new kind(n);
  let pos = 0;
  for (const d of chunks) {
    if (pos + d.length > n) return null;
    out.set((d.values as Uint8Array).subarray(0, d.length), pos);
    pos += d.length;
  }
  return pos === n ? out : null;
}

const utf8 = new TextDecoder();

/**
 * A Utf8 vector as strings (null for nulls) straight from its chunks: a chunk
 * whose bytes are all ASCII is decoded once and cut by its offsets (a byte is
 * a character there), any other chunk value by value. Null when the vector
 * does not expose its chunks. One pass per chunk, never the per-row `get`
 * (which searches the batches and decodes each value on its own).
 */
function stringColumn(child: NonNullable<ReturnType<ArrowLike["getChildAt"]>>, n: number): (string | null)[] | null {
  const chunks = child.data;
  if (!Array.isArray(chunks)) return null;
  const out: (string | null)[] = new Array(n);
  let pos = 0;
  for (const d of chunks) {
    const off = d.valueOffsets;
    const bytes = d.values;
    if (!(off instanceof Int32Array) || !(bytes instanceof Uint8Array) || off.length < d.length + 1 || pos + d.length > n) return null;
    const nulls = d.nullCount > 0 && d.nullBitmap && d.nullBitmap.byteLength > 0 ? d.nullBitmap : null;
    const from = off[0];
    const to = off[d.length];
    let ascii = true;
    for (let k = from; k < to; k++) {
      if (bytes[k] > 0x7f) {
        ascii = false;
        break;
      }
    }
    const whole = ascii ? utf8.decode(bytes.subarray(from, to)) : "";
    for (let r = 0; r < d.length; r++) {
      const bit = d.offset + r;
      if (nulls && (nulls[bit >> 3] & (1 << (bit & 7))) === 0) out[pos + r] = null;
      else out[pos + r] = ascii ? whole.slice(off[r] - from, off[r + 1] - from) : utf8.decode(bytes.subarray(off[r], off[r + 1]));
    }
    pos += d.length;
  }
  return pos === n ? out : null;
}

/**
 * Columns of an Arrow table: 8-bit integer columns without nulls as
 * Int8Array / Uint8Array (byteColumn); other numeric columns (Int, Float,
 * Decimal) as Float64Array with NaN for nulls (Int / Float copied from the
 * chunks' typed arrays, numericColumn); text (Utf8) read from the chunks'
 * bytes (stringColumn); other columns as arrays of normalised values.
 */
export function arrowToColumns(table: ArrowLike): Columns {
  const fields = table.schema.fields;
  const columns: Columns["columns"] = {};
  fields.forEach((f, i) => {
    const child = table.getChildAt(i)!;
    const id = f.type.typeId;
    const bytes = id === T.Int ? byteColumn(child, table.numRows) : null;
    const fast = bytes ?? ((id === T.Int || (id === T.Float && f.type.precision !== HALF)) ? numericColumn(child, table.numRows) : null);
    const text = id === T.Utf8 ? stringColumn(child, table.numRows) : null;
    if (fast) {
      columns[f.name] = fast;
    } else if (text) {
      columns[f.name] = text;
    } else if (id === T.Float || id === T.Int || id === T.Decimal) {
      const conv = converter(f.type);
      const out = new Float64Array(table.numRows);
      // Nulls become NaN in numeric columns.
      for (let r = 0; r < table.numRows; r++) {
        const v = conv(child.get(r));
        out[r] = v == null ? NaN : Number(v);
      }
      columns[f.name] = out;
    } else {
      const conv = converter(f.type);
      const out: Value[] = new Array(table.numRows);
      for (let r = 0; r < table.numRows; r++) out[r] = conv(child.get(r));
      columns[f.name] = out;
    }
  });
  return { names: fields.map((f) => f.name), numRows: table.numRows, columns };
}

/**
 * One ArrowLike over record batches that share a schema (a streamed result,
 * e.g. DuckDB-WASM's conn.send): columns expose every batch's chunks, in
 * order, so arrowToColumns reads them as one table without a copy first.
 */
export function batchesToArrowLike(schema: ArrowLike["schema"], batches: ArrowLike[]): ArrowLike {
  const starts: number[] = [];
  let numRows = 0;
  for (const b of batches) {
    starts.push(numRows);
    numRows += b.numRows;
  }
  return {
    numRows,
    schema,
    getChildAt(i: number) {
      const parts = batches.map((b) => b.getChildAt(i)!);
      const at = (r: number) => {
        let lo = 0, hi = parts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (starts[mid] <= r) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      };
      return {
        data: parts.flatMap((p) => p.data ?? []),
        get: (r: number) => {
          const k = at(r);
          return parts[k].get(r - starts[k]);
        },
        toArray: () => parts.flatMap((p) => Array.from(p.toArray())),
      };
    },
  };
}

/** The part of an Arrow record batch stream reader used here (DuckDB-WASM's conn.send). */
export interface StreamReader extends AsyncIterable<ArrowLike> {
  open?(): unknown;
  schema?: ArrowLike["schema"];
}

/** Reads a streamed result to its end: its schema (read first, so an empty result keeps its columns) and batches as one ArrowLike. */
export async function readStream(reader: StreamReader): Promise<ArrowLike> {
  await reader.open?.();
  const schema = reader.schema;
  const batches: ArrowLike[] = [];
  for await (const b of reader) batches.push(b);
  const s = schema ?? batches[0]?.schema;
  if (!s) throw new Error("readStream: the result has no schema");
  return batchesToArrowLike(s, batches);
}
