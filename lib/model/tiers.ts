/**
 * The three tiers a score sorts leads into, their order (lowest first) and
 * their display names: the one vocabulary every module, page and CSV uses
 * (METHODS.md §7). score < nurture → ignore; nurture ≤ score < salesReady →
 * nurture; score ≥ salesReady → sales-ready (or the version's grid routing).
 */

/** The tiers, lowest first. */
export const TIERS = ["ignore", "nurture", "sales-ready"] as const;

export type Tier = (typeof TIERS)[number];

/** The display name of each tier. */
export const TIER_LABEL: Readonly<Record<Tier, string>> = { ignore: "Ignore", nurture: "Nurture", "sales-ready": "Sales-ready" };

/** The chart colour of each tier (grey, amber, green), in TIERS order. */
export const TIER_COLOR: Readonly<Record<Tier, string>> = { ignore: "#8a8f98", nurture: "#d49a2a", "sales-ready": "#1b7f4b" };

/** Whether a value is one of the three tier names. */
export const isTier = (x: unknown): x is Tier => typeof x === "string" && (TIERS as readonly string[]).includes(x);

/**
 * The display name of a tier; any other text is returned as it is (a routed
 * cell's tier is always one of the three, but a label never throws).
 * @example tierLabel("sales-ready") // "Sales-ready"
 */
export const tierLabel = (tier: string): string => (isTier(tier) ? TIER_LABEL[tier] : tier);

/** Position of a tier in TIERS (0 = ignore … 2 = sales-ready), −1 for anything else. */
export const tierIndex = (tier: string): number => (TIERS as readonly string[]).indexOf(tier);
