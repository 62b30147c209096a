import { z } from "zod";
import { emailAddress } from "../fields.ts";

/** The address of `/kunden auskunft|löschen <e-mail>` and `npm run privacy`: one address, nothing else. */
export const privacyAddress = emailAddress(
  "Bitte genau eine E-Mail-Adresse angeben, z. B. name@example.com.",
);

/** What the erase modal carries to its submission. */
export const eraseMetadata = z.object({ email: privacyAddress });
