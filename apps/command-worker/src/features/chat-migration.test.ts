import { TelegramError } from 'telegraf';
import { resendToSupergroup } from './chat-migration';

// A reply refused because its group became a supergroup goes to the supergroup instead.

const upgraded = (method: string, payload: Record<string, unknown>) =>
  new TelegramError(
    {
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    },
    { method, payload },
  );

describe('a reply refused because the group became a supergroup', () => {
  it('is sent again to the supergroup, without the reply to a message of the old group', () => {
    const error = upgraded('sendMessage', {
      chat_id: -4001,
      text: '📋 Open tasks (1):',
      parse_mode: 'HTML',
      reply_parameters: { message_id: 7 },
      reply_to_message_id: 7,
    });
    expect(resendToSupergroup(error, -4001)).toEqual({
      payload: { chat_id: -1001234567890, text: '📋 Open tasks (1):', parse_mode: 'HTML' },
    });
  });

  it('is not sent again for an edit, a call into another chat, or any other refusal', () => {
    expect(
      resendToSupergroup(upgraded('editMessageText', { chat_id: -4001, text: 'x' }), -4001),
    ).toBeUndefined();
    expect(resendToSupergroup(upgraded('sendMessage', { chat_id: 42, text: 'x' }), -4001)).toBeUndefined();
    const other = new TelegramError(
      { error_code: 400, description: 'Bad Request: message text is empty' },
      { method: 'sendMessage', payload: { chat_id: -4001, text: '' } },
    );
    expect(resendToSupergroup(other, -4001)).toBeUndefined();
    expect(resendToSupergroup(new Error('reset'), -4001)).toBeUndefined();
  });
});
