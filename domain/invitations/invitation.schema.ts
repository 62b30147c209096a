import { z } from "zod";
import {
  emailField,
  externalIdField,
  messageField,
  nameField,
  optionalText,
  receivedAtField,
} from "../inquiries/inquiry.schema.ts";

/** The body of `POST /api/v1/invitations` (contract: ../shared/contract.md). */
export const invitationInput = z
  .object({
    externalId: externalIdField,
    name: nameField,
    email: emailField,
    company: optionalText(200, "Company"),
    customerNumber: optionalText(50, "The prospect's IONOS customer number"),
    accessLevel: z.enum(["full", "partial"]).describe("full: Vollzugriff, partial: Teilzugriff"),
    message: messageField,
    receivedAt: receivedAtField,
  })
  .meta({ id: "InvitationInput", title: "Access invitation (Zugriffsfreigabe)" });

export type InvitationInput = z.infer<typeof invitationInput>;
