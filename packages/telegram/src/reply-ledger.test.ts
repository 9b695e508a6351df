import { recordOf } from './reply-ledger';

describe("what a send-once record keeps of Telegram's result", () => {
  const card = {
    message_id: 42,
    date: 1_780_000_000,
    chat: { id: 700_000_001, type: 'private', first_name: 'Zoe' },
    from: { id: 1, is_bot: true, first_name: 'Tasks' },
    text: 'Buy milk'.repeat(100),
    reply_markup: { inline_keyboard: [[{ text: '✅', callback_data: 'c:1:d' }]] },
  };

  it("keeps a message's id, date and chat, not its text and keyboard", () => {
    expect(recordOf(card)).toEqual({
      message_id: 42,
      date: 1_780_000_000,
      chat: { id: 700_000_001, type: 'private' },
    });
    expect(JSON.stringify(recordOf(card)).length).toBeLessThan(100);
  });

  it("keeps a topic's thread, and each message of an album", () => {
    const inTopic = {
      ...card,
      chat: { id: -100_1, type: 'supergroup', title: 'Team' },
      message_thread_id: 7,
    };
    expect(recordOf(inTopic)).toMatchObject({
      message_thread_id: 7,
      chat: { id: -100_1, type: 'supergroup' },
    });
    expect(recordOf([card, { ...card, message_id: 43 }])).toEqual([
      expect.objectContaining({ message_id: 42 }),
      expect.objectContaining({ message_id: 43 }),
    ]);
  });

  it('keeps any other result as it is, and no result as null', () => {
    const file = { file_id: 'AgAD', file_unique_id: 'u1', file_size: 10 };
    expect(recordOf(true)).toBe(true);
    expect(recordOf(file)).toEqual(file);
    expect(recordOf(undefined)).toBeNull();
    expect(recordOf(null)).toBeNull();
  });
});
