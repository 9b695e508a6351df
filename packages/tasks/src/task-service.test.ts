import type { UndoEntry } from '@taskbot/db/cache/ConversationStore';
import type { Task } from '@taskbot/db/entities/Task';
import type { User } from '@taskbot/db/entities/User';
import type { PlanNext } from '@taskbot/db/repositories/TaskSeries';
import { type DeletedTask, snapshotOf, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
import type { SenderKind } from '@taskbot/domain/updates';
import { type Asker, Rights } from './rights';
import { TaskService, type TaskStores } from './task-service';

// The task service's decisions, over stores held in memory: who may change a task or manage
// projects (and when Telegram is asked), and what /undo takes back for whom.

const GROUP = { id: -100, type: 'group' as const };
const AUTHOR = 1;
const ASSIGNEE = 2;
const ADMIN = 3;
const MEMBER = 4;
const STORED = {
  languageCode: 'en',
  language: null,
  reminderLeadMinutes: null,
  digestTime: null,
  quietStart: null,
  quietEnd: null,
};
const as = (userId: number, chat: Asker['chat'] = GROUP): Asker => ({ user: { id: userId }, chat });

function taskRow(fields: Partial<Task> = {}): Task {
  return {
    id: 7,
    chatId: GROUP.id,
    title: 'Buy milk',
    status: 'open',
    priorityId: 3,
    projectId: null,
    dueAt: null,
    doneAt: null,
    authorId: AUTHOR,
    assigneeId: ASSIGNEE,
    remindAt: null,
    sourceUpdateId: 1,
    recurrence: null,
    seriesId: null,
    ...fields,
  } as Task;
}

function setUp(
  statuses: Record<number, string> = { [ADMIN]: 'administrator' },
  acting: SenderKind = 'person',
) {
  const tasks = new Map<number, Task>();
  /** The notes and files of tasks, as the database deletes them with their task. */
  const extras = new Map<number, Pick<DeletedTask, 'notes' | 'files'>>();
  const removed = (task: Task) => ({ task, notes: [], files: [], ...extras.get(task.id) });
  const undo: UndoEntry[] = [];
  let authorZone: string | null = 'Europe/Moscow';
  const calls: string[] = [];
  const asked: number[] = [];
  const stores = {
    board: {
      findInChat: async (chatId: number, id: number) => {
        const task = tasks.get(id);
        return task && task.chatId === chatId ? task : null;
      },
      remove: async (_chatId: number, id: number) => {
        calls.push(`remove ${id}`);
        const task = tasks.get(id);
        tasks.delete(id);
        return task ? removed(task) : null;
      },
      restore: async (snapshot: TaskSnapshot) => {
        calls.push(`restore ${snapshot.id}`);
        return taskRow({ id: snapshot.id, title: snapshot.title });
      },
      undoChange: async () => {
        calls.push('undoChange');
        return { ok: true, restore: {} };
      },
      series: {
        // The database's part (locking, the unique next occurrence) is tested on real databases in
        // test/integration/db.task-series.test.ts; here, what the service asks of it and records.
        complete: async (_chatId: number, id: number, planNext: PlanNext) => {
          const before = tasks.get(id);
          if (!before) return null;
          if (before.status === 'done') return { before, after: before, changed: false, next: null };
          const after = { ...before, status: 'done' } as Task;
          tasks.set(id, after);
          const author = { ...STORED, id: before.authorId, timeZone: authorZone } as unknown as User;
          const dueAt = before.recurrence ? planNext(before, { start: before.dueAt, author }) : undefined;
          const next = dueAt
            ? taskRow({ id: id + 1, dueAt, recurrence: before.recurrence, seriesId: id })
            : null;
          if (next) tasks.set(next.id, next);
          return { before, after, changed: true, next };
        },
        undoCompletion: async () => {
          calls.push('undoCompletion');
          return { ok: true, restore: {} };
        },
        removeSeries: async (_chatId: number, id: number) => {
          const series = [...tasks.values()].filter((task) => task.id === id || task.seriesId === id);
          for (const task of series) tasks.delete(task.id);
          return series.length ? series.map(removed) : null;
        },
      },
    },
    conversation: {
      pushUndo: async (_chatId: number, _userId: number, entry: UndoEntry) => void undo.push(entry),
      popUndo: async () => undo.pop(),
      settleUndone: async (_chatId: number, updateId: number) => void calls.push(`settle ${updateId}`),
      isAdmin: (_chatId: number, _userId: number, lookup: () => Promise<boolean>) => lookup(),
    },
    defaults: { timeZone: 'UTC', leadMinutes: 15 },
    now: () => new Date('2026-12-05T00:00:00Z'),
  } as unknown as TaskStores;
  const members = {
    getChatMember: async (_chatId: number, userId: number) => {
      asked.push(userId);
      return { status: statuses[userId] ?? 'member' };
    },
  };
  const rights = new Rights(stores.conversation, members, acting);
  const zone = (timeZone: string | null) => {
    authorZone = timeZone;
  };
  return { service: new TaskService(stores, rights), rights, tasks, extras, undo, calls, asked, zone };
}

describe('who may change a task', () => {
  it("is its author, its assignee or the chat's admin in a group; Telegram is asked only about others", async () => {
    const { service, asked } = setUp();
    const task = taskRow();
    expect(await service.mayChange(as(AUTHOR), task)).toBe(true);
    expect(await service.mayChange(as(ASSIGNEE), task)).toBe(true);
    expect(asked).toEqual([]);
    expect(await service.mayChange(as(ADMIN), task)).toBe(true);
    expect(await service.mayChange(as(MEMBER), task)).toBe(false);
    expect(asked).toEqual([ADMIN, MEMBER]);
  });

  it('is anyone in a private chat, without asking Telegram', async () => {
    const { service, asked } = setUp();
    expect(await service.mayChange(as(MEMBER, { id: MEMBER, type: 'private' }), taskRow())).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe('a shared sender account (an anonymous admin, a channel)', () => {
  it('is nobody’s author or assignee: a channel may change nothing, even a task its account wrote', async () => {
    const { service, rights, asked } = setUp({}, 'chat');
    expect(await service.mayChange(as(AUTHOR), taskRow())).toBe(false);
    expect(await service.mayChange(as(ASSIGNEE), taskRow())).toBe(false);
    expect(await rights.mayManageProjects(as(AUTHOR))).toBe(false);
    expect(asked).toEqual([]);
  });

  it('as an anonymous admin has the admin rights of the group it writes in', async () => {
    const { service, rights, asked } = setUp({}, 'anonymous_admin');
    expect(await service.mayChange(as(MEMBER), taskRow())).toBe(true);
    expect(await rights.mayManageProjects(as(MEMBER))).toBe(true);
    expect(asked).toEqual([]);
  });

  it('has no /undo: its changes leave no record, and /undo refuses', async () => {
    const { service, tasks, undo } = setUp({}, 'anonymous_admin');
    tasks.set(7, taskRow());
    expect(await service.remove(as(MEMBER), 7)).not.toBeNull();
    expect(undo).toEqual([]);
    expect(await service.undo(as(MEMBER), 1)).toEqual({ ok: false, reason: 'notPerson' });
  });
});

describe("who may rename or archive a chat's projects", () => {
  it("is a group's admins, and the owner of a private chat", async () => {
    const { rights, asked } = setUp({ [ADMIN]: 'creator' });
    expect(await rights.mayManageProjects(as(ADMIN))).toBe(true);
    expect(await rights.mayManageProjects(as(AUTHOR))).toBe(false);
    expect(await rights.mayManageProjects(as(MEMBER, { id: MEMBER, type: 'private' }))).toBe(true);
    expect(asked).toEqual([ADMIN, AUTHOR]);
  });
});

describe('what a change on behalf of a person leaves for their /undo', () => {
  it('a deleted task is kept to be put back; one gone already leaves nothing', async () => {
    const { service, tasks, undo } = setUp();
    tasks.set(7, taskRow());
    expect(await service.remove(as(AUTHOR), 7)).not.toBeNull();
    expect(await service.remove(as(AUTHOR), 7)).toBeNull();
    expect(undo).toEqual([{ kind: 'delete', before: snapshotOf(taskRow()) }]);
  });

  it('a deleted task keeps its notes and files, to be put back with it', async () => {
    const { service, tasks, extras, undo } = setUp();
    tasks.set(7, taskRow());
    const createdAt = new Date('2026-12-01T10:00:00.250Z');
    const note = {
      id: 3,
      kind: 'note' as const,
      text: 'call',
      authorId: ASSIGNEE,
      createdAt,
      sourceUpdateId: 9,
    };
    const file = {
      ...{ id: 4, kind: 'photo' as const, fileId: 'f', fileUniqueId: 'u', fileName: null, mimeType: null },
      ...{ fileSize: 10, authorId: null, createdAt },
    };
    extras.set(7, { notes: [note], files: [file] });
    expect(await service.remove(as(AUTHOR), 7)).toEqual(taskRow());
    const at = createdAt.toISOString();
    expect(undo).toEqual([
      {
        kind: 'delete',
        before: {
          ...snapshotOf(taskRow()),
          notes: [{ ...note, createdAt: at }],
          files: [{ ...file, createdAt: at }],
        },
      },
    ]);
  });
});

describe('/undo', () => {
  it('says there is nothing to take back when the person changed nothing', async () => {
    const { service } = setUp();
    expect(await service.undo(as(AUTHOR), 1)).toEqual({ ok: false, reason: 'nothing' });
  });

  it("refuses an admin's change once they are no longer an admin, and touches nothing", async () => {
    const { service, tasks, undo, calls } = setUp({});
    const before = snapshotOf(taskRow());
    tasks.set(7, taskRow({ status: 'done' }));
    undo.push({ kind: 'change', before, after: snapshotOf(taskRow({ status: 'done' })) });
    expect(await service.undo(as(ADMIN), 1)).toEqual({ ok: false, reason: 'notAllowed' });
    expect(calls).toEqual([]);
  });

  it("takes back the author's own change in a group without asking Telegram", async () => {
    const { service, tasks, undo, calls, asked } = setUp();
    tasks.set(7, taskRow({ status: 'done' }));
    undo.push({
      kind: 'change',
      before: snapshotOf(taskRow()),
      after: snapshotOf(taskRow({ status: 'done' })),
    });
    expect(await service.undo(as(AUTHOR), 1)).toEqual({ ok: true, kind: 'change', title: 'Buy milk' });
    expect(calls).toEqual(['undoChange']);
    expect(asked).toEqual([]);
  });

  it('puts a deleted task back only for someone who may still change it', async () => {
    const { service, undo, calls } = setUp();
    undo.push({ kind: 'delete', before: snapshotOf(taskRow()) });
    expect(await service.undo(as(MEMBER), 1)).toEqual({ ok: false, reason: 'notAllowed' });
    undo.push({ kind: 'delete', before: snapshotOf(taskRow()) });
    expect(await service.undo(as(ADMIN), 2)).toEqual({ ok: true, kind: 'delete', title: 'Buy milk' });
    // Done either way, each /undo leaves its retries no more than the tasks.
    expect(calls).toEqual(['settle 1', 'restore 7', 'settle 2']);
  });

  it('removes a task it added only while the person may change it and it is as it was added', async () => {
    const { service, tasks, undo, calls } = setUp();
    tasks.set(7, taskRow({ authorId: MEMBER, assigneeId: null, title: 'Renamed' }));
    undo.push({ kind: 'create', taskId: 7, title: 'Buy milk' });
    expect(await service.undo(as(MEMBER), 1)).toEqual({ ok: false, reason: 'changedSince' });
    tasks.set(7, taskRow({ authorId: MEMBER, assigneeId: null }));
    undo.push({ kind: 'create', taskId: 7, title: 'Buy milk' });
    expect(await service.undo(as(AUTHOR), 2)).toEqual({ ok: false, reason: 'notAllowed' });
    undo.push({ kind: 'create', taskId: 7, title: 'Buy milk' });
    expect(await service.undo(as(MEMBER), 3)).toEqual({ ok: true, kind: 'create', title: 'Buy milk' });
    expect(calls).toEqual(['remove 7']);
  });
});

describe('a repeating task', () => {
  // Monday 2026-12-07, 10:00 in Moscow.
  const dueAt = new Date('2026-12-07T07:00:00Z');
  const weekly = () => taskRow({ recurrence: 'FREQ=WEEKLY;BYDAY=MO;BYHOUR=10;BYMINUTE=0', dueAt });

  it("is next due at the rule's next date in its author's zone, whoever completes it", async () => {
    const { service, tasks, undo } = setUp();
    tasks.set(7, weekly());
    const result = await service.change(as(ASSIGNEE), 7, { status: 'done' });
    expect(result?.next?.dueAt).toEqual(new Date('2026-12-14T07:00:00Z'));
    expect(undo).toEqual([
      expect.objectContaining({ kind: 'change', next: expect.objectContaining({ id: 8, seriesId: 7 }) }),
    ]);
  });

  it('falls back to the default zone for an author who chose none', async () => {
    const { service, tasks, zone } = setUp();
    zone(null);
    tasks.set(7, weekly());
    const result = await service.complete(as(AUTHOR), 7);
    // The rule's 10:00 read in DEFAULT_TIME_ZONE (UTC here): the first one after the 07:00 UTC due.
    expect(result?.next?.dueAt).toEqual(new Date('2026-12-07T10:00:00Z'));
  });

  it('makes no next occurrence when done twice, and records nothing the second time', async () => {
    const { service, tasks, undo } = setUp();
    tasks.set(7, weekly());
    await service.complete(as(AUTHOR), 7);
    expect(await service.complete(as(AUTHOR), 7)).toMatchObject({ changed: false, next: null });
    expect(undo).toHaveLength(1);
  });

  it('has its completion and the occurrence it made taken back together by /undo', async () => {
    const { service, tasks, calls } = setUp();
    tasks.set(7, weekly());
    await service.complete(as(AUTHOR), 7);
    expect(await service.undo(as(AUTHOR), 1)).toEqual({ ok: true, kind: 'change', title: 'Buy milk' });
    expect(calls).toEqual(['undoCompletion']);
  });

  it('deleted with its series is put back whole by /undo', async () => {
    const { service, tasks, undo, calls } = setUp();
    tasks.set(7, weekly());
    tasks.set(9, taskRow({ id: 9, seriesId: 7 }));
    expect((await service.removeSeries(as(AUTHOR), 7))?.map((task) => task.id)).toEqual([7, 9]);
    expect(undo).toEqual([
      { kind: 'delete', before: snapshotOf(weekly()), others: [snapshotOf(taskRow({ id: 9, seriesId: 7 }))] },
    ]);
    expect(await service.undo(as(AUTHOR), 1)).toEqual({ ok: true, kind: 'delete', title: 'Buy milk' });
    expect(calls).toEqual(['restore 7', 'restore 9', 'settle 1']);
  });
});
