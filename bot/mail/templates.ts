import { readFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import { APP_ROOT } from "../files/app-root.ts";

/** The decline e-mail's template file, which an agency can adapt (see README). */
export const DECLINE_TEMPLATE_PATH = path.join(APP_ROOT, "templates", "decline-invitation.de.txt");

export interface DeclineMailSettings {
  template: string;
  /** AGENCY_NAME, or null: every text reads right without it. */
  agencyName: string | null;
  signature: string;
  from?: string;
}

/** Read once at start: a broken template stops the start instead of the first decline. */
export function loadDeclineMailSettings(config: Config): DeclineMailSettings {
  const template = readFileSync(DECLINE_TEMPLATE_PATH, "utf8");
  return {
    template,
    agencyName: config.mail.agencyName,
    signature: defaultSignature(config.mail),
    ...(config.mail.from ? { from: config.mail.from } : {}),
  };
}

/** MAIL_SIGNATURE, or "Ihr Team von <AGENCY_NAME>", or without a name "Ihr Team" (never "Ihr Team von Ihre Agentur"). */
export function defaultSignature(mail: {
  agencyName: string | null;
  signature?: string | undefined;
}): string {
  return mail.signature ?? (mail.agencyName ? `Ihr Team von ${mail.agencyName}` : "Ihr Team");
}
