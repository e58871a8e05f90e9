/**
 * The detection thresholds the fallback reader's score is set against (kept here, not imported from
 * detect.ts, which imports every format).
 */
/** Below this a format is not considered detected. */
export const MIN_SCORE_FOR_FALLBACK = 0.6;
/** The winner must beat the runner-up by this much, or the file is ambiguous. */
export const MIN_MARGIN_FOR_FALLBACK = 0.05;
