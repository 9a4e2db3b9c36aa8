/**
 * Converts Apache Arrow tables (what DuckDB-WASM returns, in Node and in the
 * browser) into the normalised rows and columns of `Db`.
 */
import type { Columns, Row, Value } from "./types.js";
import { formatDate, formatTimestamp } from "./types.js";

/** The subset of an Arrow table used here (avoids a direct apache-arrow dependency). */
export interface ArrowLike {
  numRows: number;
  schema: { fields: { name: string; type: { typeId: number; unit?: number; scale?: number; toString(): string } }[] };
  getChildAt(i: number): { get(i: number): unknown; toArray(): ArrayLike<unknown> } | null;
}

// Arrow type ids (apache-arrow Type enum).
const T = { Int: 2, Float: 3, Decimal: 7, Date: 8, Timestamp: 10, Bool: 6 } as const;

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

export function arrowToColumns(table: ArrowLike): Columns {
  const fields = table.schema.fields;
  const columns: Columns["columns"] = {};
  fields.forEach((f, i) => {
    const child = table.getChildAt(i)!;
    const id = f.type.typeId;
    if (id === T.Float || id === T.Int || id === T.Decimal) {
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
