/**
 * The dataset description: a small JSON file that tells the workbench how a
 * user's CSV files map onto the canonical tables (lib/tables.ts). One zod
 * schema validates it; `parseDatasetDescription` is the only way a
 * description enters the program (CLI `leadscore validate`, the browser data
 * page and the tests all go through it).
 *
 * Example (Olist): leads from one file, won deals from another, no lost label:
 *   { "name": "olist",
 *     "files": { "leads": { "path": "mql.csv" }, "deals": { "path": "deals.csv" } },
 *     "leads": { "id": "mql_id", "createdAt": "first_contact_date" },
 *     "deals": { "leadId": "mql_id", "outcome": { "constant": "won" }, "closeDate": "won_date" },
 *     "missingValues": ["", "unknown"] }
 */
import { z } from "zod";
import { MAX_COLUMNS } from "./limits.js";

/** Encodings accepted in `files.*.encoding` (compared case-insensitively). */
const UTF8_NAMES = ["utf-8", "utf8"];

const column = z.string().min(1, { error: "a column name must not be empty" });

const fileSpec = z.strictObject({
  /** Path of the CSV file, relative to the description file. */
  path: z.string().min(1, { error: "give the CSV file's path, relative to the description file" }),
  /** One character, or "auto" to detect it from the first rows. */
  delimiter: z
    .union([z.literal("auto"), z.string().length(1, { error: 'a delimiter is one character (e.g. ",", ";", "\\t") or "auto"' })])
    .default("auto"),
  encoding: z
    .string()
    .default("utf-8")
    .refine((e) => UTF8_NAMES.includes(e.toLowerCase()), {
      error: (iss) =>
        `encoding ${JSON.stringify(iss.input)} is not supported: only "utf-8" is. ` +
        `Re-save the file as UTF-8 (e.g. \`iconv -f latin1 -t utf-8 in.csv > out.csv\`) and set "encoding": "utf-8"`,
    })
    .transform(() => "utf-8" as const),
  header: z.literal(true, { error: "header must be true: the first row must name the columns" }).default(true),
});

/** Column types an attribute can be given; "auto" infers number / boolean / text from the values. */
export const ATTRIBUTE_TYPES = ["auto", "text", "category", "number", "boolean"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

const attribute = z.union([
  column,
  z.strictObject({ column, type: z.enum(ATTRIBUTE_TYPES).default("auto") }),
]);

const label = z.strictObject({
  column,
  /** Values meaning won (compared after trimming, case-insensitively). */
  positive: z.array(z.string()).min(1).default(["1", "true", "yes", "y", "won"]),
  /** Values meaning lost; any other non-missing value is reported and treated as missing. */
  negative: z.array(z.string()).min(1).default(["0", "false", "no", "n", "lost"]),
});

const leads = z.strictObject({
  id: column,
  /** Creation date column; when absent, every lead is created at `asOf` (which is then required). */
  createdAt: column.optional(),
  label: label.optional(),
  /** Columns to keep as attributes (default: every other column), optionally with a type. */
  attributes: z.array(attribute).max(MAX_COLUMNS, { error: `at most ${MAX_COLUMNS} attributes (the column limit of a file)` }).optional(),
  /** Spelling fixes applied to attribute values: {column: {from: to}} (e.g. accepted merge suggestions). */
  recode: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

const outcome = z.union([
  z.strictObject({ constant: z.enum(["won", "lost", "open"]) }),
  z.strictObject({
    column,
    won: z.array(z.string()).min(1).default(["won", "closed won", "win", "1", "true", "yes"]),
    lost: z.array(z.string()).default(["lost", "closed lost", "lose", "0", "false", "no"]),
    open: z.array(z.string()).default(["open", "pending", "in progress"]),
  }),
]);

const deals = z.strictObject({
  leadId: column,
  dealId: column.optional(),
  outcome,
  /** Date the deal was won or lost (empty while open). */
  closeDate: column,
  /** Date the deal was created; when absent, the close date stands in. */
  createdAt: column.optional(),
  amount: column.optional(),
});

const activities = z.strictObject({
  leadId: column,
  type: column,
  timestamp: column,
  /** Renames activity type values: {"Email Opened": "email_open"}; unmapped values are kept. */
  types: z.record(z.string(), z.string()).optional(),
});

/** strptime specifiers accepted in dateFormats (DuckDB's, less the ones that cannot give a plain UTC timestamp). */
const DATE_SPECIFIERS = new Set(["d", "-d", "m", "-m", "Y", "y", "-y", "H", "-H", "I", "-I", "M", "-M", "S", "-S", "f", "g", "n", "p", "b", "B", "a", "A", "j", "-j", "%"]);

/** The first problem of a strptime format, or null. @example dateFormatProblem("%s") // => "%s (epoch seconds) is not supported…" */
export function dateFormatProblem(f: string): string | null {
  const specs = [...f.matchAll(/%(-?.)/g)].map((m) => m[1]);
  if (!specs.length) return `${JSON.stringify(f)} has no % specifier; a date format looks like "%d/%m/%Y"`;
  for (const sp of specs) {
    if (sp === "s")
      return `${JSON.stringify(f)}: %s (epoch seconds) is not supported. Convert the column to "YYYY-MM-DD HH:MM:SS" first (e.g. in a spreadsheet: =(A2/86400)+DATE(1970,1,1)), or remove the format`;
    if (sp === "z" || sp === "Z")
      return `${JSON.stringify(f)}: %${sp} (time zone) is not needed: values with a UTC offset in ISO 8601 form ("2024-01-02T23:30:00-05:00") are read and converted to UTC without a format. Remove it`;
    if (!DATE_SPECIFIERS.has(sp))
      return `${JSON.stringify(f)}: %${sp} is not a supported specifier; use %Y %m %d %H %M %S (and %y %b %B %p %I %f %j); see DuckDB's strptime`;
  }
  return null;
}

const dateFormat = z.string().min(2).superRefine((f, ctx) => {
  const p = dateFormatProblem(f);
  if (p) ctx.addIssue({ code: "custom", message: p });
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/, { error: 'asOf must be "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS"' });

export const datasetDescriptionSchema = z
  .strictObject({
    name: z.string().min(1),
    files: z.strictObject({ leads: fileSpec, deals: fileSpec.optional(), activities: fileSpec.optional() }),
    leads,
    deals: deals.optional(),
    activities: activities.optional(),
    /** Values meaning "missing" (besides empty and whitespace-only cells), e.g. ["Select", "unknown"]. */
    missingValues: z.array(z.string()).default([""]),
    /** Extra strptime formats for dates, tried before ISO 8601 in order, e.g. ["%d/%m/%Y"]. */
    dateFormats: z.array(dateFormat).max(20).default([]),
    /** A lead with no deal older than this many days at `asOf` is lost (METHODS.md §1). */
    maturityDays: z.number().int().min(0).max(3650).default(90),
    /** The data's end date; default the latest date in the data. */
    asOf: isoDate.optional(),
    /** Currency of the deal amounts, an ISO 4217 code such as "EUR"; shown beside every amount. */
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'currency must be an ISO 4217 code of three capital letters, e.g. "EUR"' }).optional(),
    /** Where outcomes come from; default "deals" when a deals file is given, else "label". */
    outcomeFrom: z.enum(["deals", "label"]).optional(),
    /**
     * The tables' names in a database (`leadscore load` and `--engine postgres`, `leadscore sql`):
     * default leads, activities, deals.
     */
    tables: z
      .strictObject({
        leads: z.string().min(1).max(63).optional(),
        activities: z.string().min(1).max(63).optional(),
        deals: z.string().min(1).max(63).optional(),
      })
      .optional(),
  })
  .superRefine((d, ctx) => {
    const pair = (file: "deals" | "activities") => {
      if (!!d.files[file] !== !!d[file])
        ctx.addIssue({
          code: "custom",
          path: d.files[file] ? [file] : ["files", file],
          message: d.files[file]
            ? `files.${file} is given but the "${file}" column mapping is missing`
            : `"${file}" maps columns but files.${file} (the CSV path) is missing`,
        });
    };
    pair("deals");
    pair("activities");
    if (!d.leads.createdAt && !d.asOf)
      ctx.addIssue({
        code: "custom",
        path: ["asOf"],
        message: "leads.createdAt is not given, so asOf (the data's end date) is required: every lead is dated at asOf",
      });
    if (!d.leads.label && !d.deals)
      ctx.addIssue({
        code: "custom",
        path: ["leads", "label"],
        message: "no outcome source: map a label column (leads.label) or a deals file (files.deals + deals)",
      });
    const from = d.outcomeFrom;
    if (from === "label" && !d.leads.label)
      ctx.addIssue({ code: "custom", path: ["outcomeFrom"], message: 'outcomeFrom is "label" but leads.label is not mapped' });
    if (from === "deals" && !d.deals)
      ctx.addIssue({ code: "custom", path: ["outcomeFrom"], message: 'outcomeFrom is "deals" but no deals are mapped' });
  });

/** A validated description (defaults filled in). */
export type DatasetDescription = z.output<typeof datasetDescriptionSchema>;
/** The JSON form a user writes (defaults optional). */
export type DatasetDescriptionInput = z.input<typeof datasetDescriptionSchema>;
export type FileKind = "leads" | "deals" | "activities";
export const FILE_KINDS: readonly FileKind[] = ["leads", "deals", "activities"];

/** Thrown by `parseDatasetDescription`; `issues` lists every problem as "path: message". */
export class DatasetDescriptionError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`${source}: invalid dataset description:\n  ${issues.join("\n  ")}`);
    this.name = "DatasetDescriptionError";
  }
}

/** Formats a zod path as a JSON path: ["leads", "attributes", 2, "type"] → "leads.attributes[2].type". */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "(root)";
}

/**
 * Validates a parsed JSON value (or JSON text) as a dataset description.
 * `source` names the file in error messages. Throws DatasetDescriptionError
 * naming the file and the JSON path of each problem, e.g.
 * `olist.dataset.json: invalid dataset description:\n  files.leads.encoding: encoding "latin-1" is not supported: ...`.
 */
export function parseDatasetDescription(json: unknown, source = "dataset description"): DatasetDescription {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new DatasetDescriptionError(source, [`(root): not valid JSON: ${(e as Error).message}`]);
    }
  }
  const r = datasetDescriptionSchema.safeParse(value);
  if (!r.success) throw new DatasetDescriptionError(source, r.error.issues.map((i) => `${jsonPath(i.path)}: ${i.message}`));
  return r.data;
}
