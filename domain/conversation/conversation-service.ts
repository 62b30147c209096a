import type { PrismaClient } from "../db.ts";
import { findRequestForDecision } from "../decisions/request-repository.ts";
import type { RequestKind } from "../requests/request-kind.ts";
import { findOriginalMessageId } from "./conversation-repository.ts";
import { fillPlaceholders } from "./placeholders.ts";
import { type IncomingMail, type ReplyResult, receiveReply } from "./receive-reply.ts";
import { type AnswerDeps, type SendAnswerResult, sendAnswer } from "./send-answer.ts";
import { replySubject } from "./subject.ts";
import type { TemplateInput } from "./template.schema.ts";
import {
  createTemplate,
  deleteTemplate,
  findTemplate,
  findTemplateByName,
  listTemplates,
  type StoredTemplate,
  updateTemplate,
} from "./template-repository.ts";

export interface ConversationDeps extends AnswerDeps {
  db: PrismaClient;
  /** AGENCY_NAME, for {agentur}; unset: the placeholder's line is left out. */
  agencyName?: string | null;
}

/** What the Antworten modal shows: the recipient, the prefilled subject, the templates. */
export type OpenAnswerResult =
  | {
      status: "ok";
      kind: RequestKind;
      id: string;
      recipient: { name: string; email: string };
      subject: string;
      templates: { id: string; name: string }[];
    }
  | { status: "not_found" };

export type SaveTemplateResult =
  | { status: "saved"; template: StoredTemplate }
  | { status: "duplicate_name" }
  | { status: "not_found" };

const DEFAULT_SUBJECT = { inquiry: "Ihre Anfrage", invitation: "Ihre Zugriffsfreigabe" } as const;

/**
 * The conversation with a request's prospect (issue 23): Antworten (the modal's data, templates
 * filled, the answer sent), replies from the mailbox, and the team's templates.
 */
export function createConversationService(deps: ConversationDeps) {
  const { db } = deps;
  return {
    async openAnswer(kind: RequestKind, id: string): Promise<OpenAnswerResult> {
      const [request, original, templates] = await Promise.all([
        findRequestForDecision(db, kind, id),
        findOriginalMessageId(db, kind, id),
        listTemplates(db),
      ]);
      if (!request || request.erasedAt) return { status: "not_found" };
      const subject = original?.subject ? replySubject(original.subject) : DEFAULT_SUBJECT[kind];
      return {
        status: "ok",
        kind,
        id,
        recipient: { name: request.name, email: request.email },
        subject,
        templates: templates.map((t) => ({ id: t.id, name: t.name })),
      };
    },

    /** A template with its placeholders filled for this request and member; null when either is gone. */
    async fillTemplate(input: {
      templateId: string;
      kind: RequestKind;
      requestId: string;
      memberName: string;
    }) {
      const [template, request] = await Promise.all([
        findTemplate(db, input.templateId),
        findRequestForDecision(db, input.kind, input.requestId),
      ]);
      if (!template || !request || request.erasedAt) return null;
      const values = {
        name: request.name,
        firma: request.company,
        agentur: deps.agencyName,
        mitglied: input.memberName,
      };
      return {
        subject: fillPlaceholders(template.subject, values).replace(/\s+/g, " ").trim(),
        text: fillPlaceholders(template.text, values),
      };
    },

    sendAnswer: (input: Parameters<typeof sendAnswer>[1]): Promise<SendAnswerResult> =>
      sendAnswer(deps, input),

    receiveReply: (mail: IncomingMail): Promise<ReplyResult> => receiveReply(deps, mail),

    listTemplates: () => listTemplates(db),
    findTemplate: (id: string) => findTemplate(db, id),

    /** New (no id) or changed template; names are unique, ignoring case. */
    async saveTemplate(input: {
      id?: string;
      template: TemplateInput;
      actor: string;
    }): Promise<SaveTemplateResult> {
      const same = await findTemplateByName(db, input.template.name);
      if (same && same.id !== input.id) return { status: "duplicate_name" };
      if (!input.id) {
        const template = await createTemplate(db, { ...input.template, createdBy: input.actor });
        return { status: "saved", template };
      }
      if (!(await updateTemplate(db, input.id, input.template))) return { status: "not_found" };
      return { status: "saved", template: { id: input.id, ...input.template } };
    },

    deleteTemplate: (id: string) => deleteTemplate(db, id),
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
