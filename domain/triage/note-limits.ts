/** The most a note may hold: Slack's plain_text_input limit (an import-free leaf, so builders may use it). */
export const NOTE_MAX_CHARS = 3000;
