/**
 * Generates the JSON Schema of the model format from the zod schema.
 * `npx tsx lib/model/write-json-schema.ts` writes data/models/model.schema.json
 * (a test checks that the checked-in file equals this output).
 * The cross-field rules of check.ts are not expressible in JSON Schema;
 * editors get the structure, `parseModel` enforces the rest.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ModelObjectSchema } from "./schema.js";

export const JSON_SCHEMA_PATH = fileURLToPath(new URL("../../data/models/model.schema.json", import.meta.url));

/** The JSON Schema text (2-space indented, trailing newline). */
export function modelJsonSchemaText(): string {
  const schema = {
    ...z.toJSONSchema(ModelObjectSchema, { target: "draft-2020-12" }),
    $id: "model.schema.json",
    title: "Lead-score model",
    description: "A versioned lead-scoring model. Semantics: lib/model/schema.ts.",
  };
  return JSON.stringify(schema, null, 2) + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(JSON_SCHEMA_PATH, modelJsonSchemaText());
  console.log(`wrote ${JSON_SCHEMA_PATH}`);
}
