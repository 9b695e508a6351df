import {
  isAdminStatus,
  mayChangeTask,
  mayExportChatTasks,
  mayManageChatProjects,
  needsAdminCheck,
} from './permissions';

const task = { authorId: 1, assigneeId: 2 };

describe('who may change a task', () => {
  it.each([
    ['the author', 1, false, true],
    ['the assignee', 2, false, true],
    ['a chat admin', 3, true, true],
    ['another member', 3, false, false],
  ])('in a group: %s -> %p', (_who, userId, isChatAdmin, allowed) => {
    expect(mayChangeTask(task, { userId, isChatAdmin, chatType: 'supergroup' })).toBe(allowed);
  });

  it('lets the owner of a private chat change everything in it', () => {
    expect(mayChangeTask(task, { userId: 9, isChatAdmin: false, chatType: 'private' })).toBe(true);
  });

  it('asks Telegram about admins only for someone neither author nor assignee, in groups', () => {
    expect(needsAdminCheck(task, 1, 'group')).toBe(false);
    expect(needsAdminCheck(task, 2, 'group')).toBe(false);
    expect(needsAdminCheck(task, 3, 'group')).toBe(true);
    expect(needsAdminCheck(task, 3, 'private')).toBe(false);
    expect(needsAdminCheck({ authorId: 1, assigneeId: null }, 3, 'group')).toBe(true);
  });

  it('makes nobody the author of a task whose author was forgotten: admins and the assignee remain', () => {
    const authorless = { authorId: null, assigneeId: 2 };
    expect(mayChangeTask(authorless, { userId: 3, isChatAdmin: false, chatType: 'group' })).toBe(false);
    expect(mayChangeTask(authorless, { userId: 2, isChatAdmin: false, chatType: 'group' })).toBe(true);
    expect(mayChangeTask(authorless, { userId: 3, isChatAdmin: true, chatType: 'group' })).toBe(true);
    expect(needsAdminCheck({ authorId: null, assigneeId: null }, 3, 'group')).toBe(true);
  });

  it('lets only chat admins rename or archive a group’s projects, and the owner of a private chat', () => {
    expect(mayManageChatProjects({ userId: 3, isChatAdmin: true, chatType: 'group' })).toBe(true);
    expect(mayManageChatProjects({ userId: 1, isChatAdmin: false, chatType: 'supergroup' })).toBe(false);
    expect(mayManageChatProjects({ userId: 1, isChatAdmin: false, chatType: 'private' })).toBe(true);
  });

  it('lets only chat admins export a group’s tasks, and the owner of a private chat', () => {
    expect(mayExportChatTasks({ userId: 3, isChatAdmin: true, chatType: 'supergroup' })).toBe(true);
    expect(mayExportChatTasks({ userId: 1, isChatAdmin: false, chatType: 'group' })).toBe(false);
    expect(mayExportChatTasks({ userId: 1, isChatAdmin: false, chatType: 'private' })).toBe(true);
  });

  it('counts creators and administrators as admins, nobody else', () => {
    expect(
      ['creator', 'administrator', 'member', 'restricted', 'left', 'kicked', undefined].map(isAdminStatus),
    ).toEqual([true, true, false, false, false, false, false]);
  });
});
