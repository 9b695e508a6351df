import { FakeBotApi } from './fake-bot-api';
import { rawBotApiCall } from './raw-bot-api-call';
import { groupChat, textMessage, user } from './updates';

describe('the bot, its commands and chats', () => {
  const fake = new FakeBotApi({ botUser: { id: 5005, first_name: 'Tasks', username: 'tasks_bot' } });
  let apiRoot: string;
  const call = (method: string, payload: Record<string, unknown> = {}) =>
    rawBotApiCall(apiRoot, method, payload);

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('getMe describes the bot with the flags Telegram reports', async () => {
    expect((await call('getMe')).body).toEqual({
      ok: true,
      result: {
        id: 5005,
        is_bot: true,
        first_name: 'Tasks',
        username: 'tasks_bot',
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
      },
    });
  });

  it('answerCallbackQuery answers true, and 400 without a query id', async () => {
    expect((await call('answerCallbackQuery', { callback_query_id: '1', text: 'Done' })).body).toEqual({
      ok: true,
      result: true,
    });
    expect((await call('answerCallbackQuery')).status).toBe(400);
  });

  it('commands are kept per scope and language', async () => {
    const everyone = [{ command: 'add', description: 'Add a task' }];
    const german = [{ command: 'add', description: 'Aufgabe hinzufügen' }];
    const privateScope = { type: 'all_private_chats' };
    await call('setMyCommands', { commands: everyone });
    await call('setMyCommands', { commands: german, scope: privateScope, language_code: 'de' });

    expect((await call('getMyCommands')).body).toEqual({ ok: true, result: everyone });
    expect((await call('getMyCommands', { scope: privateScope, language_code: 'de' })).body).toMatchObject({
      result: german,
    });
    expect((await call('getMyCommands', { scope: privateScope })).body).toMatchObject({ result: [] });
  });

  it('deleteMyCommands empties the list of its scope only', async () => {
    await call('setMyCommands', { commands: [{ command: 'add', description: 'Add' }] });
    await call('setMyCommands', {
      commands: [{ command: 'list', description: 'List' }],
      scope: { type: 'chat', chat_id: 1 },
    });

    await call('deleteMyCommands');

    expect((await call('getMyCommands')).body).toMatchObject({ result: [] });
    expect((await call('getMyCommands', { scope: { chat_id: 1, type: 'chat' } })).body).toMatchObject({
      result: [{ command: 'list' }],
    });
  });

  it('a command Telegram would refuse answers 400 BOT_COMMAND_INVALID', async () => {
    expect(
      await call('setMyCommands', { commands: [{ command: 'Add-Task', description: 'x' }] }),
    ).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: BOT_COMMAND_INVALID' },
    });
  });

  it('getChat answers a chat the fake has seen with its details, and any other from its id', async () => {
    const team = groupChat(-4001, 'Team');
    fake.pushUpdate(textMessage({ chat: team, from: user(42), text: 'hi' }));

    expect((await call('getChat', { chat_id: -4001 })).body).toEqual({
      ok: true,
      result: { id: -4001, type: 'group', title: 'Team', accent_color_id: 0, max_reaction_count: 11 },
    });
    expect((await call('getChat', { chat_id: 77 })).body).toMatchObject({
      result: { id: 77, type: 'private' },
    });
  });

  it('getChatMember answers member by default and creator for the user of a private chat', async () => {
    const inGroup = await call('getChatMember', { chat_id: -4001, user_id: 42 });
    const ownChat = await call('getChatMember', { chat_id: 42, user_id: 42 });

    expect(inGroup.body).toEqual({
      ok: true,
      result: { status: 'member', user: { id: 42, is_bot: false, first_name: 'User 42' } },
    });
    expect(ownChat.body).toMatchObject({ result: { status: 'creator', is_anonymous: false } });
  });

  it('getChatMember answers the status set for the user in that chat, shaped for that status', async () => {
    fake.setChatMemberStatus(-4001, 42, 'administrator');
    fake.setChatMemberStatus(-4001, 43, 'kicked');

    expect((await call('getChatMember', { chat_id: -4001, user_id: 42 })).body).toMatchObject({
      result: { status: 'administrator', can_be_edited: false, can_delete_messages: true },
    });
    expect((await call('getChatMember', { chat_id: -4001, user_id: 43 })).body).toMatchObject({
      result: { status: 'kicked', until_date: 0 },
    });
  });

  it('an @username chat_id finds a chat the fake has seen, and answers 400 chat not found otherwise', async () => {
    fake.pushUpdate({
      channel_post: {
        message_id: 1,
        date: 1,
        chat: { id: -1009, type: 'channel', title: 'News', username: 'news' },
        text: 'news',
      },
    });

    expect((await call('getChat', { chat_id: '@news' })).body).toMatchObject({ result: { id: -1009 } });
    expect((await call('getChat', { chat_id: '@nobody' })).body).toMatchObject({
      description: 'Bad Request: chat not found',
    });
  });
});

describe('the HTTP edge', () => {
  const fake = new FakeBotApi();
  let apiRoot: string;

  beforeAll(async () => {
    apiRoot = await fake.start();
  });
  afterAll(() => fake.stop());

  it('a body that is not JSON answers 400', async () => {
    const response = await fetch(`${apiRoot}/bot1:a/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chat_id": 1,',
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error_code: 400 });
  });

  it('a multipart form is read as parameters, its file parts as uploads', async () => {
    const form = new FormData();
    form.set('chat_id', '1');
    form.set('caption', 'Scan');
    form.set('photo', new Blob(['not really a photo']), 'photo.jpg');

    const response = await fetch(`${apiRoot}/bot1:a/sendPhoto`, { method: 'POST', body: form });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: IMAGE_PROCESS_FAILED',
    });
    expect(JSON.parse(JSON.stringify(fake.callsOf('sendPhoto')[0]?.payload))).toMatchObject({
      chat_id: '1',
      caption: 'Scan',
      photo: { file_name: 'photo.jpg', file_size: 18 },
    });
  });

  it('a path outside the Bot API answers 404 Not Found', async () => {
    const response = await fetch(`${apiRoot}/somewhere`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('the test environment path works as the ordinary one', async () => {
    const response = await fetch(`${apiRoot}/bot1:a/test/getMe`, { method: 'POST' });

    expect(await response.json()).toMatchObject({ ok: true, result: { is_bot: true } });
  });

  it('start listens on a free port and stop closes it, even with a long poll waiting', async () => {
    const other = new FakeBotApi();
    const root = await other.start();
    const polling = rawBotApiCall(root, 'getUpdates', { timeout: 30 });
    await new Promise((resolve) => setTimeout(resolve, 50));

    await other.stop();

    expect(root).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(polling).rejects.toThrow();
    await expect(fetch(`${root}/bot1:a/getMe`)).rejects.toThrow();
  });
});
