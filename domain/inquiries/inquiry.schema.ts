import { z } from "zod";
import { emailAddress, storableString } from "../fields.ts";

/**
 * The body of `POST /api/v1/inquiries` (contract: ../shared/contract.md). The OpenAPI document is
 * generated from this schema, so descriptions here are what integrators read.
 */

/** Text as integrators send it; a NUL character or a lone surrogate is refused, naming the field. */
const text = () => storableString("must not contain NUL characters or unpaired UTF-16 surrogates");

/** Optional free text: absent, null (what Zapier and n8n send for empty fields) or a string. */
export const optionalText = (max: number, description: string) =>
  text().trim().max(max).nullish().describe(description);

export const externalIdField = text()
  .trim()
  .min(1)
  .max(200)
  .nullish()
  .describe("Your id of this request. Sending the same id again stores and posts nothing and answers 200.");

export const nameField = text().trim().min(1).max(200).describe("Name of the prospect");
export const emailField = emailAddress().describe(
  "E-mail address of the prospect; a domain in Unicode (jörg@bäckerei-müller.de) or punycode is the same address",
);
export const messageField = text()
  .max(10_000)
  .nullish()
  .describe("The prospect's message, up to 10,000 characters");
export const receivedAtField = z.iso
  .datetime({ offset: true })
  .nullish()
  .describe("When the request was received, ISO 8601 with time zone (default: now)");

export const inquiryInput = z
  .object({
    externalId: externalIdField,
    name: nameField,
    email: emailField,
    phone: optionalText(50, "Phone number"),
    company: optionalText(200, "Company"),
    message: messageField,
    receivedAt: receivedAtField,
  })
  .meta({ id: "InquiryInput", title: "Inquiry (Anfrage)" });

export type InquiryInput = z.infer<typeof inquiryInput>;
