/**
 * The limits of the dataset loader, in one place (README "Bad input and
 * limits"). Beyond each, the file is refused at once with an error that
 * names the limit and how to get under it (or raise it).
 */

/** Largest CSV file read by default: 1 GiB. The CLI raises it with LEADSCORE_MAX_FILE_MB. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** Most columns in a CSV header (2,000 already took 21 s to validate; 20,000 did not finish). */
export const MAX_COLUMNS = 1000;

/** Earliest plausible date: dates before it are reported (not excluded). */
export const EARLIEST_PLAUSIBLE = "1990-01-01";

/**
 * A date more than this many days after the 99th percentile of all the
 * dates of the dataset is an outlier: reported, and never taken as the
 * data's end date (asOf).
 */
export const OUTLIER_DAYS_AFTER_P99 = 366;
