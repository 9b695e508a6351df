import type { Task } from '@taskbot/db/entities/Task';
import type { TaskSummary } from '@taskbot/domain/views';

export function toTaskSummary(task: Task): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    priority: task.priority?.code ?? 'normal',
    dueAt: task.dueAt ?? null,
  };
}
