import {
  botMembershipEvent,
  type ChatMemberChange,
  chatMigrationOf,
  joinedUsersOf,
  leftUserOf,
  memberEvent,
  parseChatMemberChange,
  taskTextOf,
} from './chat-life';

const ann = { id: 1, is_bot: false, first_name: 'Ann', language_code: 'en' };
const bot = { id: 99, is_bot: true, first_name: 'Task Bot', username: 'task_bot' };
const group = { id: -100, type: 'group', title: 'Team' };
const privateChat = { id: 1, type: 'private', first_name: 'Ann' };

function change(chat: object, before: object, after: object): unknown {
  return {
    chat,
    from: ann,
    date: 1_700_000_000,
    old_chat_member: { user: bot, ...before },
    new_chat_member: { user: bot, ...after },
  };
}

const read = (payload: unknown): ChatMemberChange => {
  const parsed = parseChatMemberChange(payload);
  if (!parsed) throw new Error('not a change');
  return parsed;
};

describe('the bot’s own membership', () => {
  it('reads a block and an unblock in a private chat', () => {
    expect(botMembershipEvent(read(change(privateChat, { status: 'member' }, { status: 'kicked' })))).toBe(
      'blocked',
    );
    expect(botMembershipEvent(read(change(privateChat, { status: 'kicked' }, { status: 'member' })))).toBe(
      'unblocked',
    );
  });

  it('reads being added to and removed from a group, and ignores a promotion', () => {
    expect(botMembershipEvent(read(change(group, { status: 'left' }, { status: 'member' })))).toBe('added');
    expect(botMembershipEvent(read(change(group, { status: 'kicked' }, { status: 'administrator' })))).toBe(
      'added',
    );
    expect(botMembershipEvent(read(change(group, { status: 'member' }, { status: 'left' })))).toBe('removed');
    expect(botMembershipEvent(read(change(group, { status: 'member' }, { status: 'administrator' })))).toBe(
      'unchanged',
    );
  });

  it('counts a restricted member by is_member', () => {
    const restricted = read(change(group, { status: 'member' }, { status: 'restricted', is_member: false }));
    expect(memberEvent(restricted)).toBe('left');
    expect(
      memberEvent(read(change(group, { status: 'left' }, { status: 'restricted', is_member: true }))),
    ).toBe('joined');
  });

  it('refuses payloads that are not a ChatMemberUpdated', () => {
    expect(parseChatMemberChange(null)).toBeUndefined();
    expect(
      parseChatMemberChange(change({ id: 'x', type: 'group' }, { status: 'left' }, { status: 'member' })),
    ).toBe(undefined);
    expect(parseChatMemberChange(change(group, { status: 'gone' }, { status: 'member' }))).toBeUndefined();
    expect(
      parseChatMemberChange({
        chat: group,
        from: ann,
        old_chat_member: { status: 'left' },
        new_chat_member: {},
      }),
    ).toBeUndefined();
  });
});

describe('service messages', () => {
  it('names both chats of a migration, from either side', () => {
    expect(chatMigrationOf({ chat: group, migrate_to_chat_id: -1001 })).toEqual({
      fromChatId: -100,
      toChatId: -1001,
      seenIn: 'old',
    });
    expect(
      chatMigrationOf({ chat: { id: -1001, type: 'supergroup', title: 'Team' }, migrate_from_chat_id: -100 }),
    ).toEqual({ fromChatId: -100, toChatId: -1001, seenIn: 'new' });
    expect(chatMigrationOf({ chat: group, text: 'hi' })).toBeUndefined();
    expect(chatMigrationOf({ chat: group, migrate_to_chat_id: '-1001' })).toBeUndefined();
  });

  it('reads who joined and who left, skipping malformed entries', () => {
    expect(joinedUsersOf({ new_chat_members: [ann, { id: 'x' }, bot] })).toEqual([ann, bot]);
    expect(joinedUsersOf({ text: 'hi' })).toEqual([]);
    expect(leftUserOf({ left_chat_member: ann })).toEqual(ann);
    expect(leftUserOf({ left_chat_member: { first_name: 'no id' } })).toBeUndefined();
  });
});

describe('the text that made a task', () => {
  it('is the argument of /add or /new, or plain text in a private chat', () => {
    expect(taskTextOf('/add Buy milk', 'group', 'task_bot')).toBe('Buy milk');
    expect(taskTextOf('/new@Task_Bot Buy milk', 'group', 'task_bot')).toBe('Buy milk');
    expect(taskTextOf('Buy milk', 'private', 'task_bot')).toBe('Buy milk');
  });

  it('is nothing for other commands, other bots and a group’s chatter', () => {
    expect(taskTextOf('/tasks', 'private', 'task_bot')).toBeUndefined();
    expect(taskTextOf('/add@other_bot Buy milk', 'group', 'task_bot')).toBeUndefined();
    expect(taskTextOf('Buy milk', 'group', 'task_bot')).toBeUndefined();
  });
});
