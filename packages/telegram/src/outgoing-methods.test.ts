import { Readable } from 'node:stream';
import { floodChatOf, hasChatEffect, isGroupChat, uploadsStream } from './outgoing-methods';

describe('outgoing methods', () => {
  it('counts sends, edits, deletions and button answers as chat effects, reads and typing not', () => {
    for (const method of ['sendMessage', 'editMessageText', 'deleteMessage', 'answerCallbackQuery']) {
      expect(hasChatEffect(method)).toBe(true);
    }
    for (const method of ['getMe', 'getUpdates', 'setWebhook', 'sendChatAction', 'getChat']) {
      expect(hasChatEffect(method)).toBe(false);
    }
  });

  it('names the chat a message goes to, by id or @username', () => {
    expect(floodChatOf('sendMessage', { chat_id: 42, text: 'x' })).toBe(42);
    expect(floodChatOf('editMessageText', { chat_id: '-100123', message_id: 1 })).toBe(-100123);
    expect(floodChatOf('sendMessage', { chat_id: '@news', text: 'x' })).toBe('@news');
  });

  it('leaves out what flood limits do not count: button answers, inline edits, reads', () => {
    expect(floodChatOf('answerCallbackQuery', { callback_query_id: '1' })).toBeUndefined();
    expect(floodChatOf('editMessageText', { inline_message_id: 'abc', text: 'x' })).toBeUndefined();
    expect(floodChatOf('getChat', { chat_id: 42 })).toBeUndefined();
    expect(floodChatOf('sendMessage', undefined)).toBeUndefined();
    expect(floodChatOf('sendMessage', { chat_id: '' })).toBeUndefined();
  });

  it('tells groups (negative ids, public @usernames) from private chats', () => {
    expect(isGroupChat(-100123)).toBe(true);
    expect(isGroupChat('@news')).toBe(true);
    expect(isGroupChat(42)).toBe(false);
  });

  it('tells a stream upload, which cannot be sent twice, from payloads that can', () => {
    expect(uploadsStream({ chat_id: 1, document: { source: Readable.from(['a']), filename: 'a.csv' } })).toBe(
      true,
    );
    expect(uploadsStream({ chat_id: 1, document: { source: Buffer.from('a'), filename: 'a.csv' } })).toBe(
      false,
    );
    expect(uploadsStream({ chat_id: 1, document: 'file-id' })).toBe(false);
    expect(uploadsStream({ chat_id: 1, text: 'hi', reply_markup: null })).toBe(false);
    expect(uploadsStream(undefined)).toBe(false);
  });
});
