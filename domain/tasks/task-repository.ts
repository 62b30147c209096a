import type { Db } from "../db.ts";
import type { TaskData } from "./task.schema.ts";

export async function insertTask(db: Db, customerId: string, data: TaskData, actor: string) {
  return db.task.create({ data: { ...data, customerId, createdBy: actor }, select: { id: true } });
}

export async function findTask(db: Db, id: string) {
  return db.task.findUnique({ where: { id }, select: { id: true, customerId: true, done: true } });
}

/** Sets done only when it differs, so that a double click records one change, not two. */
export async function setTaskDoneIfChanged(db: Db, id: string, done: boolean, at: Date): Promise<boolean> {
  const { count } = await db.task.updateMany({
    where: { id, done: !done },
    data: { done, doneAt: done ? at : null },
  });
  return count === 1;
}
