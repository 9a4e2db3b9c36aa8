/**
 * data/models/model.schema.json is generated from the zod schema
 * (npx tsx lib/model/write-json-schema.ts); the checked-in file must be current.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_PATH, modelJsonSchemaText } from "../../lib/model/write-json-schema.js";

describe("model.schema.json", () => {
  it("equals the schema generated from zod (regenerate with: npx tsx lib/model/write-json-schema.ts)", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(modelJsonSchemaText());
  });
  it("describes every rule type", () => {
    const text = modelJsonSchemaText();
    for (const t of ["equals", "in", "notIn", "bands", "missing", "present", "flag", "activityCount", "activityPoints", "hasActivity", "recency"]) {
      expect(text).toContain(`"const": "${t}"`);
    }
  });
});
