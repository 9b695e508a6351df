import type { UndoEntry } from '@taskbot/db/cache/ConversationStore';
import type { Task } from '@taskbot/db/entities/Task';
import { snapshotOf, type TaskSnapshot } from '@taskbot/domain/task-snapshot';
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
    ...fields,
  } as Task;
}

function setUp(
  statuses: Record<number, string> = { [ADMIN]: 'administrator' },
  acting: SenderKind = 'person',
) {
  const tasks = new Map<number, Task>();
  const undo: UndoEntry[] = [];
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
        const task = tasks.get(id) ?? null;
        tasks.delete(id);
        return task;
      },
      restore: async (snapshot: TaskSnapshot) => {
        calls.push(`restore ${snapshot.id}`);
        return taskRow({ id: snapshot.id, title: snapshot.title });
      },
      undoChange: async () => {
        calls.push('undoChange');
        return { ok: true, restore: {} };
      },
    },
    conversation: {
      pushUndo: async (_chatId: number, _userId: number, entry: UndoEntry) => void undo.push(entry),
      popUndo: async () => undo.pop(),
      isAdmin: (_chatId: number, _userId: number, lookup: () => Promise<boolean>) => lookup(),
    },
    defaults: { leadMinutes: 15 },
    now: () => new Date('2026-12-05T00:00:00Z'),
  } as unknown as TaskStores;
  const members = {
    getChatMember: async (_chatId: number, userId: number) => {
      asked.push(userId);
      return { status: statuses[userId] ?? 'member' };
    },
  };
  const rights = new Rights(stores.conversation, members, acting);
  return { service: new TaskService(stores, rights), rights, tasks, undo, calls, asked };
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
    expect(calls).toEqual(['restore 7']);
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
