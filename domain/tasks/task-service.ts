import { recordAudit } from "../audit/audit-repository.ts";
import { customerExists } from "../customers/customer-repository.ts";
import type { PrismaClient } from "../db.ts";
import type { TaskData } from "./task.schema.ts";
import { findTask, insertTask, setTaskDoneIfChanged } from "./task-repository.ts";

export async function createTask(
  prisma: PrismaClient,
  customerId: string,
  data: TaskData,
  actor: string,
): Promise<{ status: "created"; taskId: string } | { status: "not_found" }> {
  return prisma.$transaction(async (tx) => {
    if (!(await customerExists(tx, customerId))) return { status: "not_found" } as const;
    const task = await insertTask(tx, customerId, data, actor);
    await recordAudit(tx, {
      actor,
      action: "task.created",
      entityType: "task",
      entityId: task.id,
      customerId,
      after: { ...data, dueOn: data.dueOn?.toISOString().slice(0, 10) ?? null },
    });
    return { status: "created", taskId: task.id } as const;
  });
}

/** Marks a task done or open again. Returns the customer it belongs to (to refresh the card). */
export async function setTaskDone(
  prisma: PrismaClient,
  taskId: string,
  done: boolean,
  actor: string,
  now: Date,
): Promise<{ status: "changed" | "unchanged"; customerId: string } | { status: "not_found" }> {
  return prisma.$transaction(async (tx) => {
    const task = await findTask(tx, taskId);
    if (!task) return { status: "not_found" } as const;
    if (!(await setTaskDoneIfChanged(tx, taskId, done, now))) {
      return { status: "unchanged", customerId: task.customerId } as const;
    }
    await recordAudit(tx, {
      actor,
      action: done ? "task.done" : "task.reopened",
      entityType: "task",
      entityId: taskId,
      customerId: task.customerId,
      before: { done: !done },
      after: { done },
    });
    return { status: "changed", customerId: task.customerId } as const;
  });
}
