import { z } from "zod";

/** The address of `/kunden auskunft|löschen <e-mail>` and `npm run privacy`: one address, nothing else. */
export const privacyAddress = z
  .string()
  .trim()
  .pipe(z.email("Bitte genau eine E-Mail-Adresse angeben, z. B. name@example.com.").max(254));

/** What the erase modal carries to its submission. */
export const eraseMetadata = z.object({ email: privacyAddress });
