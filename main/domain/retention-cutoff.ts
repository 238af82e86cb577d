/** The one definition of a retention cutoff, shared by the purge (store) and its preview (api). */
const DAY = 86_400_000;

/** The time before which a policy of `days` removes events, as of `now`. */
export const retentionCutoff = (now: number, days: number): number => now - days * DAY;
