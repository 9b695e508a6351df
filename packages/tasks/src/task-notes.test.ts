import type { Task } from '@taskbot/db/entities/Task';
import type { AddNoteResult, NewNote } from '@taskbot/db/repositories/TaskNoteRepository';
import { MAX_NOTE_LENGTH, MAX_NOTES_PER_TASK } from '@taskbot/domain/task-extras';
import type { SenderKind } from '@taskbot/domain/updates';
import { type Asker, Rights } from './rights';
import { TaskNoteService } from './task-notes';
import type { TaskInput } from './task-service';

// The note service's decisions over stores held in memory: who may write a note (those who may
// change the task), the domain's limits, and the forwarded message's task with its origin note.
// The database's part (once per update, the limit under a lock) is tested on real databases in
// test/integration/db.task-notes.test.ts.

const GROUP = { id: -200, type: 'group' as const };
const AUTHOR = 1;
const ADMIN = 3;
const MEMBER = 4;
const as = (userId: number, chat: Asker['chat'] = GROUP): Asker => ({ user: { id: userId }, chat });
const task = { id: 9, chatId: GROUP.id, title: 'Plan', authorId: AUTHOR, assigneeId: null } as Task;

function setUp(acting: SenderKind = 'person', stored: Task = task) {
  const added: Array<{ note: NewNote; limit: number }> = [];
  let result: AddNoteResult = { ok: true, created: true, count: 1 };
  const created: TaskInput[] = [];
  const stores = {
    board: {
      findInChat: async (chatId: number, id: number) =>
        chatId === stored.chatId && id === stored.id ? stored : null,
    },
    notes: {
      add: async (note: NewNote, limit: number) => {
        added.push({ note, limit });
        return result;
      },
      list: async () => [],
    },
  };
  const conversation = { isAdmin: (_c: number, _u: number, lookup: () => Promise<boolean>) => lookup() };
  const members = {
    getChatMember: async (_chatId: number, userId: number) => ({
      status: userId === ADMIN ? 'administrator' : 'member',
    }),
  };
  const tasks = {
    create: async (_who: Asker, input: TaskInput) => {
      created.push(input);
      return { task: { ...task, id: 77, title: input.title } as Task, created: true };
    },
  };
  const service = new TaskNoteService(stores, new Rights(conversation, members, acting), tasks);
  return {
    service,
    added,
    created,
    answer: (next: AddNoteResult) => {
      result = next;
    },
  };
}

describe('adding a note', () => {
  it('saves the trimmed note of someone who may change the task, with author and update', async () => {
    const { service, added } = setUp();
    expect(await service.add(as(ADMIN), task.id, '  call back  ', 555)).toEqual({
      ok: true,
      created: true,
      count: 1,
    });
    expect(added).toEqual([
      {
        note: {
          chatId: GROUP.id,
          taskId: task.id,
          authorId: ADMIN,
          kind: 'note',
          text: 'call back',
          sourceUpdateId: 555,
        },
        limit: MAX_NOTES_PER_TASK,
      },
    ]);
  });

  it('refuses someone who may not change the task, and a channel speaking in the group', async () => {
    const member = setUp();
    expect(await member.service.add(as(MEMBER), task.id, 'mine now', 1)).toEqual({
      ok: false,
      reason: 'notAllowed',
    });
    expect(member.added).toEqual([]);
    const channel = setUp('chat');
    expect(await channel.service.add(as(AUTHOR), task.id, 'hi', 1)).toMatchObject({ reason: 'notAllowed' });
  });

  it('lets anyone note a task of their private chat', async () => {
    const { service } = setUp('person', { ...task, chatId: MEMBER } as Task);
    expect(await service.add(as(MEMBER, { id: MEMBER, type: 'private' }), task.id, 'ok', 2)).toMatchObject({
      ok: true,
    });
  });

  it('answers a task of another chat as not found', async () => {
    const { service, added } = setUp();
    expect(await service.add(as(AUTHOR, { id: -999, type: 'group' }), task.id, 'x', 1)).toEqual({
      ok: false,
      reason: 'notFound',
    });
    expect(added).toEqual([]);
  });

  it('refuses a note over the limit with its length, and an empty one, before looking anything up', async () => {
    const { service, added } = setUp();
    expect(await service.add(as(AUTHOR), task.id, 'x'.repeat(MAX_NOTE_LENGTH + 5), 1)).toEqual({
      ok: false,
      reason: 'tooLong',
      length: MAX_NOTE_LENGTH + 5,
      max: MAX_NOTE_LENGTH,
    });
    expect(await service.add(as(AUTHOR), task.id, '\u0000', 1)).toEqual({ ok: false, reason: 'empty' });
    expect(added).toEqual([]);
  });

  it('names the limit when the task is full, and not found when it went meanwhile', async () => {
    const { service, answer } = setUp();
    answer({ ok: false, reason: 'full', count: MAX_NOTES_PER_TASK });
    expect(await service.add(as(AUTHOR), task.id, 'one more', 1)).toEqual({
      ok: false,
      reason: 'full',
      max: MAX_NOTES_PER_TASK,
    });
    answer({ ok: false, reason: 'gone' });
    expect(await service.add(as(AUTHOR), task.id, 'late', 1)).toEqual({ ok: false, reason: 'notFound' });
  });
});

describe('a forwarded message', () => {
  it('makes the task and keeps its origin as a note of the same update', async () => {
    const { service, added, created } = setUp();
    const me = as(MEMBER, { id: MEMBER, type: 'private' });
    const made = await service.createForwarded(me, { title: 'Read this', sourceUpdateId: 31 }, 'Daily News');
    expect(made.task).toMatchObject({ id: 77, title: 'Read this' });
    expect(created).toEqual([{ title: 'Read this', sourceUpdateId: 31 }]);
    expect(added.map(({ note }) => note)).toEqual([
      {
        chatId: MEMBER,
        taskId: 77,
        authorId: MEMBER,
        kind: 'origin',
        text: 'Daily News',
        sourceUpdateId: 31,
      },
    ]);
  });
});

describe('listing notes', () => {
  it('finds nothing for a task of another chat', async () => {
    const { service } = setUp();
    expect(await service.list(-999, task.id)).toBeNull();
    expect(await service.list(GROUP.id, task.id)).toEqual({ task, notes: [] });
  });
});
