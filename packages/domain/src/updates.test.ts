import { chatIdOf, kindOf, routeOf, type TelegramUpdate, userOf } from './updates';

const alice = { id: 7, first_name: 'Alice', language_code: 'en' };
const chat = { id: 7, type: 'private' as const };

describe('routing an update to its queue', () => {
  it('sends typed messages and commands to the command queue', () => {
    expect(
      routeOf({ update_id: 1, message: { message_id: 1, date: 0, chat, from: alice, text: '/tasks' } }),
    ).toBe('command');
    expect(routeOf({ update_id: 2, edited_message: { message_id: 1, date: 0, chat, text: 'x' } })).toBe(
      'command',
    );
  });

  it('sends button presses to the callback queue', () => {
    expect(routeOf({ update_id: 3, callback_query: { id: 'q', from: alice, data: 'd:1' } })).toBe('callback');
  });

  it('sends every other kind to the general queue', () => {
    expect(routeOf({ update_id: 4, my_chat_member: { chat, from: alice } })).toBe('other');
    expect(routeOf({ update_id: 5, inline_query: { id: 'i', from: alice, query: '' } })).toBe('other');
  });
});

describe('reading who and where from an update', () => {
  const press: TelegramUpdate = {
    update_id: 9,
    callback_query: {
      id: 'q',
      from: alice,
      data: 'd:1',
      message: { message_id: 5, date: 0, chat: { id: -100, type: 'group' } },
    },
  };

  it('takes the chat of the pressed message for a button press', () => {
    expect(chatIdOf(press)).toBe(-100);
    expect(userOf(press)?.id).toBe(7);
    expect(kindOf(press)).toBe('callback_query');
  });

  it('falls back to the user for updates without a chat', () => {
    expect(chatIdOf({ update_id: 1, inline_query: { id: 'i', from: alice, query: '' } })).toBe(7);
  });

  it('knows no chat, user or kind for an update without a payload', () => {
    expect(kindOf({ update_id: 1 })).toBeUndefined();
    expect(chatIdOf({ update_id: 1 })).toBeUndefined();
  });
});
