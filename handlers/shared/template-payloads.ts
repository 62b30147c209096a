import { z } from "zod";

/** What the template form carries in private_metadata: the template (absent: a new one), the list below it. */
export const templateFormMetadata = z.object({
  id: z.uuid().optional(),
  list: z.string().min(1).max(50).optional(),
});
export type TemplateFormMetadata = z.infer<typeof templateFormMetadata>;

/** A click on Neue Vorlage, Bearbeiten or Löschen in the list modal. */
export const templateClick = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ id: z.string().min(1), hash: z.string().optional() }),
  actions: z.array(z.object({ value: z.string().optional() })).min(1),
});
