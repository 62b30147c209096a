/** Limits of answers and templates (an import-free leaf, so that block builders may use them). */
export const ANSWER_SUBJECT_MAX = 250;
/** Slack's limit for one plain_text_input. */
export const ANSWER_TEXT_MAX = 3000;
export const TEMPLATE_NAME_MAX = 75;
/** How many entries of the conversation the customer card shows (the newest; the rest are counted). */
export const CARD_CONVERSATION = 10;
/** A reply matched by its subject must answer a mail sent to the same address within this many days. */
export const REPLY_SUBJECT_DAYS = 90;
