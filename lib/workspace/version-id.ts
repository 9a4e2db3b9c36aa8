import type { Model } from "../model/schema.js";

/**
 * How a version is named on the command line and in messages.
 * @example versionId({id: "starting", version: 2}) // => "starting@2"
 */
export function versionId(m: Pick<Model, "id" | "version">): string {
  return `${m.id}@${m.version}`;
}
