import { z } from "zod";
import { emailAddress, storableString } from "../fields.ts";

const text = (max: number) =>
  storableString()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .transform((v) => (v === "" ? null : v))
    .nullish();

/** The fields of a customer (Kunden-Eintrag). Either a company or a name is needed. */
export const customerInput = z
  .object({
    company: text(200),
    firstName: text(100),
    lastName: text(100),
    email: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : v))
      .pipe(emailAddress("keine gültige E-Mail-Adresse").nullable())
      .nullish(),
    phone: text(50),
    address: text(500),
    notes: text(3000),
  })
  .superRefine((v, ctx) => {
    if (!v.company && !v.firstName && !v.lastName) {
      ctx.addIssue({
        code: "custom",
        path: ["company"],
        message: "Bitte eine Firma oder einen Namen angeben",
      });
    }
  });

export type CustomerInput = z.input<typeof customerInput>;
export type CustomerData = z.output<typeof customerInput>;
