import { formatSummary, oneLine, summarizeMessage } from './update-summary';

const alice = { id: 7, is_bot: false, first_name: 'Alice', username: 'alice' };
const chat = { id: 7, type: 'private' };

describe('summarizing a queued message for the failed-jobs table', () => {
  it('shows a typed message with its kind, chat, user and text', () => {
    const summary = summarizeMessage({
      kind: 'update',
      update: {
        update_id: 10,
        message: { message_id: 1, date: 0, chat, from: alice, text: '/add Buy milk' },
      },
    });
    expect(summary).toEqual({
      kind: 'message',
      updateId: 10,
      chatId: 7,
      user: '@alice (7)',
      text: '/add Buy milk',
    });
    expect(formatSummary(summary)).toBe('message chat 7 @alice (7): /add Buy milk');
  });

  it('shows the data of a button press and the chat of the pressed message', () => {
    const summary = summarizeMessage({
      kind: 'update',
      update: {
        update_id: 11,
        callback_query: {
          id: 'q',
          from: { id: 8, first_name: 'Boris' },
          data: 'd:42',
          message: { message_id: 5, date: 0, chat: { id: -100, type: 'group' } },
        },
      },
    });
    expect(formatSummary(summary)).toBe('callback_query chat -100 Boris (8): d:42');
  });

  it('cuts the text to its first 40 characters, on one line, without splitting an emoji', () => {
    const text = `line one\nline two ${'🙂'.repeat(40)}`;
    const summary = summarizeMessage({
      kind: 'update',
      update: { update_id: 12, message: { message_id: 1, date: 0, chat, from: alice, text } },
    });
    expect(Array.from(summary.text ?? '')).toHaveLength(40);
    expect(summary.text?.startsWith('line one line two 🙂')).toBe(true);
    expect(summary.text?.endsWith('🙂…')).toBe(true);
  });

  it('shows a notice by its kind', () => {
    const summary = summarizeMessage({ kind: 'notice', notice: 'rate_limited', chatId: 9, userId: 9 });
    expect(formatSummary(summary)).toBe('notice:rate_limited chat 9 9');
  });

  it('shows an update kind without text, and an update it cannot read, without failing', () => {
    expect(
      formatSummary(
        summarizeMessage({
          kind: 'update',
          update: { update_id: 13, my_chat_member: { chat: { id: -5, type: 'group' }, from: alice } },
        }),
      ),
    ).toBe('my_chat_member chat -5 @alice (7)');
    expect(formatSummary(summarizeMessage({ kind: 'update', update: { update_id: 14 } }))).toBe('unknown');
    expect(
      formatSummary(
        summarizeMessage({ kind: 'update', update: { update_id: 15, callback_query: { data: 'x' } } }),
      ),
    ).toBe('callback_query: x');
  });
});

describe('one line of text for a terminal', () => {
  it('removes control characters and direction overrides a sender could use to fake the output', () => {
    expect(oneLine('ok\u001b[2J\u001b[31mred\u202Eevil\r\nnext', 80)).toBe('ok [2J [31mred evil next');
  });

  it('keeps short text as it is and marks cut text', () => {
    expect(oneLine('short', 10)).toBe('short');
    expect(oneLine('exactly10!', 10)).toBe('exactly10!');
    expect(oneLine('eleven char', 10)).toBe('eleven ch…');
  });
});
