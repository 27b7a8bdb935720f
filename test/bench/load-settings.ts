/** The load bench's run settings (LOAD_DURATION_S and LOAD_CONNECTIONS change the run) and the targets. */
export const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 30);
export const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 100);
/** The targets for the mixed workload, and for a delta against a full watchlist of DELTA_SUPPLIERS. */
export const TARGET = { p99Ms: 1000, shareOfBare: 0.1, deltaShare: 0.05 };
export const DELTA_SUPPLIERS = 400;
