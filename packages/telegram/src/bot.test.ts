import type { Update, UserFromGetMe } from '@telegraf/types';
import { Telegram } from 'telegraf';
import { createBot } from './bot';

const botInfo: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: 'Task Bot',
  username: 'task_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

describe('createBot', () => {
  it('hands every update the one client, so replies go through send-once and flood control', async () => {
    const client = new Telegram('123456:test-token');
    const bot = createBot(client, botInfo);
    const seen: Telegram[] = [];
    bot.use((ctx) => {
      seen.push(ctx.telegram);
    });

    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' } } };
    await bot.handleUpdate(update as unknown as Update);
    await bot.handleUpdate({ ...update, update_id: 2 } as unknown as Update);

    expect(seen).toHaveLength(2);
    for (const telegram of seen) expect(telegram).toBe(client);
  });
});
