import type { Update } from '@telegraf/types';
import { chatIdOf, isPersonAuthor, kindOf, limitKeyOf, routeOf, senderKindOf, userOf } from './updates';

/** Tests give only the fields a rule reads; Telegram's types want the whole update. */
const u = (update: object) => update as Update;

const alice = { id: 7, first_name: 'Alice', language_code: 'en' };
const chat = { id: 7, type: 'private' as const };

describe('routing an update to its queue', () => {
  it('sends typed messages and commands to the command queue', () => {
    expect(
      routeOf(u({ update_id: 1, message: { message_id: 1, date: 0, chat, from: alice, text: '/tasks' } })),
    ).toBe('command');
    expect(routeOf(u({ update_id: 2, edited_message: { message_id: 1, date: 0, chat, text: 'x' } }))).toBe(
      'command',
    );
  });

  it('sends button presses to the callback queue', () => {
    expect(routeOf(u({ update_id: 3, callback_query: { id: 'q', from: alice, data: 'd:1' } }))).toBe(
      'callback',
    );
  });

  it('sends every other kind to the general queue', () => {
    expect(routeOf(u({ update_id: 4, my_chat_member: { chat, from: alice } }))).toBe('other');
    expect(routeOf(u({ update_id: 5, inline_query: { id: 'i', from: alice, query: '' } }))).toBe('other');
  });
});

describe('reading who and where from an update', () => {
  const press = u({
    update_id: 9,
    callback_query: {
      id: 'q',
      from: alice,
      data: 'd:1',
      message: { message_id: 5, date: 0, chat: { id: -100, type: 'group' } },
    },
  });

  it('takes the chat of the pressed message for a button press', () => {
    expect(chatIdOf(press)).toBe(-100);
    expect(userOf(press)?.id).toBe(7);
    expect(kindOf(press)).toBe('callback_query');
  });

  it('falls back to the user for updates without a chat', () => {
    expect(chatIdOf(u({ update_id: 1, inline_query: { id: 'i', from: alice, query: '' } }))).toBe(7);
  });

  it('knows no chat, user or kind for an update without a payload', () => {
    expect(kindOf(u({ update_id: 1 }))).toBeUndefined();
    expect(chatIdOf(u({ update_id: 1 }))).toBeUndefined();
  });
});

describe('who a message comes from', () => {
  const group = { id: -500, type: 'group' as const };
  const fields = (from: { id: number; is_bot?: boolean; first_name: string }, extra = {}) => ({
    message_id: 1,
    date: 0,
    chat: group,
    from,
    text: 'hi',
    ...extra,
  });
  const message = (from: { id: number; is_bot?: boolean; first_name: string }, extra = {}) =>
    u({ update_id: 1, message: fields(from, extra) });

  it('counts a person against their own quota', () => {
    expect(limitKeyOf(message({ id: 42, first_name: 'Ann' }))).toBe('42');
  });

  it('counts anonymous admins, channel posts and auto-forwards against the chat, not one shared account', () => {
    expect(
      limitKeyOf(message({ id: 1087968824, is_bot: true, first_name: 'Group' }, { sender_chat: group })),
    ).toBe('chat:-500');
    expect(limitKeyOf(message({ id: 777000, first_name: 'Telegram' }))).toBe('chat:-500');
    const otherGroup = u({
      update_id: 2,
      message: { ...fields({ id: 777000, first_name: 'T' }), chat: { id: -600, type: 'group' } },
    });
    expect(limitKeyOf(otherGroup)).toBe('chat:-600');
    expect(
      limitKeyOf(
        message(
          { id: 136817688, is_bot: true, first_name: 'Channel' },
          { sender_chat: { id: -1009, type: 'channel' } },
        ),
      ),
    ).toBe('chat:-1009');
  });

  it('tells a person from a shared account or a chat speaking', () => {
    expect(isPersonAuthor({ from: { id: 42 } })).toBe(true);
    expect(isPersonAuthor({ from: { id: 777000, is_bot: false } })).toBe(false);
    expect(isPersonAuthor({ from: { id: 1087968824, is_bot: true } })).toBe(false);
    expect(isPersonAuthor({ from: { id: 42 }, sender_chat: { id: -1009 } })).toBe(false);
    expect(isPersonAuthor({})).toBe(false);
  });
});

describe('who is behind an update', () => {
  const team = { id: -500, type: 'group' as const, title: 'Team' };
  const said = (from: object, extra = {}) =>
    u({ update_id: 1, message: { message_id: 1, date: 0, chat: team, from, text: '/my', ...extra } });

  it('is a person for their own messages and every button press', () => {
    expect(senderKindOf(said({ id: 42, is_bot: false, first_name: 'Ann' }))).toBe('person');
    expect(senderKindOf(u({ update_id: 2, callback_query: { id: 'q', from: { id: 42 }, data: 'x' } }))).toBe(
      'person',
    );
  });

  it('is the group’s anonymous admin only for GroupAnonymousBot writing as that very group', () => {
    const anonymous = { id: 1087968824, is_bot: true, first_name: 'Group' };
    expect(senderKindOf(said(anonymous, { sender_chat: team }))).toBe('anonymous_admin');
    expect(senderKindOf(said(anonymous, { sender_chat: { id: -600, type: 'group' } }))).toBe('chat');
    expect(senderKindOf(said(anonymous))).toBe('chat');
  });

  it('is a chat for channels, automatic forwards and anyone writing as a chat', () => {
    const channel = { sender_chat: { id: -1009, type: 'channel' } };
    expect(senderKindOf(said({ id: 136817688, is_bot: true, first_name: 'Channel' }, channel))).toBe('chat');
    expect(senderKindOf(said({ id: 777000, is_bot: false, first_name: 'Telegram' }))).toBe('chat');
    expect(senderKindOf(said({ id: 42, is_bot: false, first_name: 'Ann' }, channel))).toBe('chat');
  });
});
