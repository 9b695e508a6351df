import type { TaskFile } from '@taskbot/db/entities/TaskFile';
import type { NewTaskFile } from '@taskbot/db/repositories/TaskFileRepository';
import { MAX_FILES_PER_TASK } from '@taskbot/domain/task-extras';
import { Rights } from './rights';
import { TaskFileService, type TaskFileStores } from './task-files';

const GROUP = { id: -100, type: 'group' as const };
const AUTHOR = 1;
const ADMIN = 2;
const OTHER = 3;
const who = (userId: number) => ({ user: { id: userId }, chat: GROUP });
const task = { id: 7, chatId: GROUP.id, title: 'Fix the sink', authorId: AUTHOR, assigneeId: null };
const photo = (unique: string) => ({
  photo: [
    { file_id: `small-${unique}`, file_unique_id: `s-${unique}`, width: 90, height: 68 },
    { file_id: `big-${unique}`, file_unique_id: unique, width: 1280, height: 960, file_size: 9 },
  ],
});

function setUp() {
  const rows: NewTaskFile[] = [];
  const stores = {
    board: {
      findInChat: async (chatId: number, id: number) =>
        chatId === task.chatId && id === task.id ? task : null,
    },
    files: {
      list: async (taskId: number) => rows.filter((row) => row.taskId === taskId) as unknown as TaskFile[],
      count: async (taskId: number) => rows.filter((row) => row.taskId === taskId).length,
      has: async (taskId: number, unique: string) =>
        rows.some((row) => row.taskId === taskId && row.fileUniqueId === unique),
      add: async (row: NewTaskFile) => {
        if (rows.some((r) => r.taskId === row.taskId && r.fileUniqueId === row.fileUniqueId)) return false;
        rows.push(row);
        return true;
      },
    },
  } as unknown as TaskFileStores;
  const statuses: Record<number, string> = { [ADMIN]: 'administrator' };
  const members = {
    getChatMember: async (_chat: number, userId: number) => ({ status: statuses[userId] ?? 'member' }),
  };
  const conversation = { isAdmin: (_c: number, _u: number, lookup: () => Promise<boolean>) => lookup() };
  return { service: new TaskFileService(stores, new Rights(conversation, members)), rows };
}

describe('files on tasks', () => {
  it('attaches the largest size of a photo, with who attached it', async () => {
    const { service, rows } = setUp();
    expect(await service.attachFromMessage(who(AUTHOR), task.id, photo('u1'))).toEqual({
      ok: true,
      added: true,
      count: 1,
      title: 'Fix the sink',
    });
    expect(rows).toEqual([
      expect.objectContaining({
        taskId: 7,
        authorId: AUTHOR,
        kind: 'photo',
        fileId: 'big-u1',
        fileUniqueId: 'u1',
      }),
    ]);
  });

  it('attaches the same file once, however often it comes', async () => {
    const { service, rows } = setUp();
    await service.attachFromMessage(who(AUTHOR), task.id, photo('u1'));
    expect(await service.attachFromMessage(who(AUTHOR), task.id, photo('u1'))).toMatchObject({
      ok: true,
      added: false,
    });
    expect(rows).toHaveLength(1);
  });

  it(`keeps at most ${MAX_FILES_PER_TASK} files and refuses the next, while the same file again is no refusal`, async () => {
    const { service, rows } = setUp();
    for (let i = 0; i < MAX_FILES_PER_TASK; i += 1)
      await service.attachFromMessage(who(AUTHOR), task.id, photo(`u${i}`));
    expect(await service.attachFromMessage(who(AUTHOR), task.id, photo('one-more'))).toEqual({
      ok: false,
      reason: 'full',
      title: 'Fix the sink',
    });
    expect(await service.attachFromMessage(who(AUTHOR), task.id, photo('u0'))).toMatchObject({
      ok: true,
      added: false,
    });
    expect(rows).toHaveLength(MAX_FILES_PER_TASK);
  });

  it('lets an admin attach, refuses anyone else in a group, and finds no task of another chat', async () => {
    const { service, rows } = setUp();
    expect(await service.attachFromMessage(who(ADMIN), task.id, photo('a'))).toMatchObject({
      ok: true,
      added: true,
    });
    expect(await service.attachFromMessage(who(OTHER), task.id, photo('b'))).toEqual({
      ok: false,
      reason: 'notAllowed',
    });
    const elsewhere = { user: { id: AUTHOR }, chat: { id: -200, type: 'group' as const } };
    expect(await service.attachFromMessage(elsewhere, task.id, photo('c'))).toEqual({
      ok: false,
      reason: 'taskNotFound',
    });
    expect(await service.filesOf(-200, task.id)).toBeNull();
    expect(rows.map((row) => row.fileUniqueId)).toEqual(['a']);
  });

  it('attaches nothing from a message without a file', async () => {
    const { service } = setUp();
    expect(await service.attachFromMessage(who(AUTHOR), task.id, { text: 'hi' })).toEqual({
      ok: false,
      reason: 'noFile',
    });
  });
});
