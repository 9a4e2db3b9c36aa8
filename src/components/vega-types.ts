/**
 * The vega-lite types the chart components annotate their parts with, so that
 * a spec is checked as a spec (no casts): a layer of a layered chart, and one
 * encoding channel (a `y` or `color` shared by several layers). vega-lite
 * exports only TopLevelSpec at its root; the rest comes from its
 * `types_unstable` entry (type-only, nothing is bundled).
 */
import type { Field } from "vega-lite/types_unstable/channeldef.js";
import type { Encoding } from "vega-lite/types_unstable/encoding.js";
import type { LayerSpec } from "vega-lite/types_unstable/spec/layer.js";
import type { UnitSpec } from "vega-lite/types_unstable/spec/unit.js";

export type { TopLevelSpec } from "vega-lite";

/** One layer of a `layer: [...]` chart. */
export type Layer = LayerSpec<Field> | UnitSpec<Field>;

/** The definition of one encoding channel, e.g. `Channel<"y">`. */
export type Channel<K extends keyof Encoding<Field>> = NonNullable<Encoding<Field>[K]>;
