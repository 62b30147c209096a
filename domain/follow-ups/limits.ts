/** The most a follow-up's note may hold (an import-free leaf, so builders may use it). */
export const FOLLOW_UP_NOTE_MAX_CHARS = 1000;

/** The default Uhrzeit of a follow-up, in DIGEST_TIMEZONE. */
export const FOLLOW_UP_DEFAULT_TIME = "09:00";

/** A follow-up posted later than this after its time says it is late (the bot was down). */
export const FOLLOW_UP_LATE_AFTER_MS = 2 * 60_000;
