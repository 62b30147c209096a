import type { Db } from "../db.ts";

/** Answer templates (Vorlage), in the database so that every instance sees the same. */

export interface StoredTemplate {
  id: string;
  name: string;
  subject: string;
  text: string;
}

const templateSelect = { id: true, name: true, subject: true, text: true } as const;

/** Slack shows at most 100 options in a select; the list modal shows as many. */
export const TEMPLATES_MAX = 100;

export async function listTemplates(db: Db): Promise<StoredTemplate[]> {
  return db.answerTemplate.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: TEMPLATES_MAX,
    select: templateSelect,
  });
}

export async function countTemplates(db: Db): Promise<number> {
  return db.answerTemplate.count();
}

export async function findTemplate(db: Db, id: string): Promise<StoredTemplate | null> {
  return db.answerTemplate.findUnique({ where: { id }, select: templateSelect });
}

export async function findTemplateByName(db: Db, name: string): Promise<{ id: string } | null> {
  return db.answerTemplate.findFirst({
    where: { name: { equals: name, mode: "insensitive" } },
    select: { id: true },
  });
}

export async function createTemplate(db: Db, t: Omit<StoredTemplate, "id"> & { createdBy: string }) {
  return db.answerTemplate.create({ data: t, select: templateSelect });
}

/** False when the template is gone (deleted meanwhile). */
export async function updateTemplate(db: Db, id: string, t: Omit<StoredTemplate, "id">): Promise<boolean> {
  const { count } = await db.answerTemplate.updateMany({ where: { id }, data: t });
  return count === 1;
}

export async function deleteTemplate(db: Db, id: string): Promise<boolean> {
  const { count } = await db.answerTemplate.deleteMany({ where: { id } });
  return count === 1;
}
