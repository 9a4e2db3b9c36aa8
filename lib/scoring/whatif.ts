/**
 * The what-if editor's modules, split by job:
 *  whatif-engine.ts  the re-scoring engine (WhatIf: new points, caps and
 *                    thresholds in plain arithmetic over the unit columns)
 *  whatif-load.ts    loadWhatIf: the engine from the database (units + outcomes)
 *  whatif-draft.ts   draftFromWhatIf: a new draft model version from the edits
 * This module re-exports them (the one import path pages and tests use).
 */
export * from "./whatif-engine.js";
export * from "./whatif-load.js";
export * from "./whatif-draft.js";
