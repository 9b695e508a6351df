import { Project } from '@taskbot/db/entities/Project';
import { Task } from '@taskbot/db/entities/Task';
import { groupChat, privateChat, user } from '@taskbot/fake-bot-api/updates';
import { Redis } from 'ioredis';
import { buttonData, type Sent, useTaskBot } from './tasks-harness';

// Who may see and change what, through gateway, RabbitMQ and both workers: a person sees and
// changes only the tasks of the chat they write in; forged, foreign and garbled button data changes
// nothing; in a group only the author, the assignee or an admin (getChatMember, cached) changes a
// task and only admins manage projects; a demoted admin loses the right when the cache expires;
// @username assigns only people seen in the chat; removed NUL characters are mentioned once.

const ADMIN_CACHE_SECONDS = 1;

describe('authorization, end to end', () => {
  const bot = useTaskBot('authz', { ADMIN_STATUS_CACHE_SECONDS: String(ADMIN_CACHE_SECONDS) });
  const { fake } = bot;
  const ann = user(6_300_001, { first_name: 'Ann', language_code: 'en', username: 'ann_a' });
  const boris = user(6_300_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_a' });
  const carl = user(6_300_003, { first_name: 'Carl', language_code: 'en', username: 'carl_a' });
  const dana = user(6_300_004, { first_name: 'Dana', language_code: 'en', username: 'dana_a' });
  const erin = user(6_300_005, { first_name: 'Erin', language_code: 'en', username: 'erin_a' });
  const team = groupChat(-6_300_100, 'Team');
  const other = groupChat(-6_300_200, 'Other team');
  const redis = new Redis(process.env.REDIS_URL ?? '', { lazyConnect: true });

  const tasks = () => bot.database().dataSource.getRepository(Task);
  const projects = () => bot.database().dataSource.getRepository(Project);
  const stored = (title: string) => tasks().findOneByOrFail({ title });
  /** Every task row as it is now, to show a refused press changed nothing. */
  const snapshot = () => tasks().find({ order: { id: 'ASC' } });

  let teamCard: Sent;
  let otherCard: Sent;

  beforeAll(async () => {
    await redis.connect();
    fake.setChatMemberStatus(team.id, erin.id, 'administrator');
    fake.setChatMemberStatus(other.id, erin.id, 'member');
  });

  afterAll(() => {
    redis.disconnect();
  });

  /** Waits until the worker's cached admin status of the person in the chat has expired. */
  async function adminCacheExpired(chatId: number, userId: number): Promise<void> {
    const pattern = `t_authz_*admin:${chatId}:${userId}`;
    for (;;) {
      if ((await redis.keys(pattern)).length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('shows and changes only the tasks of the chat a command is written in', async () => {
    teamCard = await bot.ask(ann, '/add Alpha secret plan', 'Alpha secret plan', team);
    otherCard = await bot.ask(carl, '/add Bravo secret plan @carl_a', 'Bravo secret plan', other);
    await bot.ask(carl, '/add Carl private secret', 'Carl private secret');

    const list = await bot.ask(ann, '/tasks', 'Open tasks (1)', team);
    expect(list.text).toContain('Alpha secret plan');
    expect(list.text).not.toContain('Bravo');
    expect((await bot.ask(ann, '/tasks', 'No open tasks')).text).not.toContain('secret');

    const found = await bot.ask(ann, '/search secret', '🔎 Found 1', team);
    expect(found.text).not.toMatch(/Bravo|Carl private/);
    await bot.ask(ann, '/search secret', 'Nothing found');

    await bot.ask(ann, '/my', 'No open tasks are assigned to you.', privateChat(ann));
    expect((await bot.ask(carl, '/my', 'Assigned to you (1)', privateChat(carl))).text).toContain(
      'Bravo secret plan',
    );

    // Ann's numbers are those of the list she saw in Team: in the other chat they name nothing.
    await bot.ask(ann, '/done 1', 'There is no task 1 in the last list', other);
    // Her /undo in the other chat finds nothing of hers there; her add in Team stays.
    await bot.ask(ann, '/undo', 'There is nothing to undo', other);
    expect(await stored('Alpha secret plan')).toMatchObject({ status: 'open' });
    expect(await stored('Bravo secret plan')).toMatchObject({ status: 'open' });
    expect(await stored('Carl private secret')).toMatchObject({ status: 'open' });
  });

  it('refuses button data that points at another chat’s task or project, changing nothing', async () => {
    const alpha = await stored('Alpha secret plan');
    await bot.ask(carl, '/project new Carls project', 'is ready', other);
    const foreignProject = await projects().findOneByOrFail({ chatId: other.id });
    const before = await snapshot();
    const mark = bot.mark();

    // A Team task pressed on a message of the other chat, by its own author too.
    for (const data of [`c:${alpha.id}:d`, `c:${alpha.id}:xy`, `ld:${alpha.id}:a:0`, `r:${alpha.id}`]) {
      expect((await bot.press(carl, otherCard, data)).answer).toMatch(/no longer exists/);
      expect((await bot.press(ann, otherCard, data)).answer).toMatch(/no longer exists/);
    }
    // The other chat's project on a Team task; archiving or renaming it from Team.
    expect((await bot.press(ann, teamCard, `c:${alpha.id}:j${foreignProject.id}`)).answer).toContain(
      'That project no longer exists',
    );
    fake.setChatMemberStatus(team.id, erin.id, 'administrator');
    expect((await bot.press(erin, teamCard, `pj:a:${foreignProject.id}`)).answer).toContain(
      'That project no longer exists',
    );
    expect((await bot.press(erin, teamCard, `pj:r:${foreignProject.id}`)).answer).toContain(
      'That project no longer exists',
    );

    expect(fake.callsSince(mark, 'editMessageText')).toHaveLength(0);
    expect(fake.callsSince(mark, 'sendMessage')).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
    expect(await projects().findOneByOrFail({ id: foreignProject.id })).toMatchObject({
      name: 'Carls project',
      archived: false,
    });
  });

  it('refuses edited and garbage button data with a short toast, changing nothing', async () => {
    const alpha = await stored('Alpha secret plan');
    const before = await snapshot();
    const mark = bot.mark();
    const garbage = [
      `c:${alpha.id}:zz`,
      `c:${alpha.id}:p9`,
      `c:${alpha.id}:d:extra`,
      `c:-${alpha.id}:d`,
      `c:${alpha.id}.5:d`,
      `c:1e3:d`,
      `c:${'9'.repeat(60)}:d`,
      `ld:${alpha.id}:q:0`,
      'pj:a:abc',
      's:l:de',
      'z:1:99y',
      '\u00ff\u00fe\u0001\u0002',
      '💣'.repeat(16),
      ' ',
      'x'.repeat(64),
    ];
    for (const data of garbage) {
      const { answer } = await bot.press(ann, teamCard, data);
      expect([data, answer]).toEqual([data, expect.stringMatching(/no longer (works|exists)/)]);
    }
    expect(fake.callsSince(mark, 'editMessageText')).toHaveLength(0);
    expect(fake.callsSince(mark, 'sendMessage')).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
  });

  it('in a group lets only the author, the assignee or an admin change or delete a task', async () => {
    await bot.ask(boris, '/start', 'Борис', team);
    const card = await bot.ask(ann, '/add Shared chore @boris_a', 'Shared chore', team);
    const chore = await stored('Shared chore');
    expect(chore.assigneeId).toBe(boris.id);
    const mark = bot.mark();

    // Carl is in the chat but neither author, assignee nor admin.
    for (const label of ['Done', 'Priority', 'Delete', 'Edit', 'Remind']) {
      const refused = await bot.press(carl, card, buttonData(card, label));
      expect([label, refused.answer]).toEqual([label, expect.stringContaining('Only the author')]);
    }
    expect((await bot.press(carl, card, `c:${chore.id}:xy`)).answer).toContain('Only the author');
    expect((await bot.press(carl, card, `c:${chore.id}:p4`)).answer).toContain('Only the author');
    expect(fake.callsSince(mark, 'editMessageText')).toHaveLength(0);
    expect(await stored('Shared chore')).toEqual(chore);

    // The author's edit question cannot be answered by someone else.
    const asked = await bot.press(ann, card, buttonData(card, 'Edit'));
    const question = await bot.reply(team.id, 'Send the new title', asked.seq);
    await bot.answer(carl, question, 'Hijacked title', team);
    await bot.ask(ann, '/tasks', 'Open tasks', team);
    expect(await tasks().countBy({ title: 'Hijacked title' })).toBe(0);

    // The assignee and an admin may; the admin may delete.
    const menu = await bot.pressAndSee(boris, card, card, 'Priority', 'Shared chore');
    expect((await bot.pressAndSee(boris, card, menu, 'срочно', 'срочно')).answer).toContain('Сохранено');
    expect((await stored('Shared chore')).priorityId).toBe(4);
    const confirm = await bot.pressAndSee(erin, card, card, 'Delete', 'Delete this task for good?');
    await bot.pressAndSee(erin, card, confirm, 'Yes, delete', 'Deleted');
    expect(await tasks().countBy({ title: 'Shared chore' })).toBe(0);
  });

  it('/undo takes back only what its own change did, and only while it may and it is still there', async () => {
    // Boris (assignee) raises the priority; Ann (author) then marks it done. Boris's undo puts the
    // priority back and leaves Ann's done as it is.
    const card = await bot.ask(ann, '/add Budget memo @boris_a', 'Budget memo', team);
    const menu = await bot.pressAndSee(boris, card, card, 'Priority', 'Budget memo');
    await bot.pressAndSee(boris, card, menu, 'срочно', 'срочно');
    expect((await stored('Budget memo')).priorityId).toBe(4);
    await bot.ask(ann, '/tasks', 'Budget memo', team);
    const listed = await bot.ask(ann, '/tasks', 'Open tasks', team);
    const number = listed.text.match(/(\d+)\. [^\n]*Budget memo/)?.[1];
    await bot.ask(ann, `/done ${number}`, 'Budget memo', team);
    await bot.ask(boris, '/undo', '↩️ Отменено', team);
    expect(await stored('Budget memo')).toMatchObject({ priorityId: 2, status: 'done' });

    // Boris raises another task's priority; Erin (admin) deletes it. His undo brings nothing back.
    const travel = await bot.ask(ann, '/add Travel plan @boris_a', 'Travel plan', team);
    const travelMenu = await bot.pressAndSee(boris, travel, travel, 'Priority', 'Travel plan');
    await bot.pressAndSee(boris, travel, travelMenu, 'срочно', 'срочно');
    const confirm = await bot.pressAndSee(erin, travel, travel, 'Delete', 'Delete this task for good?');
    await bot.pressAndSee(erin, travel, confirm, 'Yes, delete', 'Deleted');
    await bot.ask(boris, '/undo', 'Не отменено: этой задачи больше нет.', team);
    expect(await tasks().countBy({ title: 'Travel plan' })).toBe(0);
  });

  it('a demoted admin loses the right once the cached status expires', async () => {
    const card = await bot.ask(ann, '/add Admin watched', 'Admin watched', team);
    fake.setChatMemberStatus(team.id, dana.id, 'administrator');
    const menu = await bot.pressAndSee(dana, card, card, 'Priority', 'Admin watched');
    await bot.pressAndSee(dana, card, menu, 'high', '❗ high');
    const [key] = await redis.keys(`t_authz_*admin:${team.id}:${dana.id}`);
    expect(await redis.get(key ?? '')).toBe('1');
    expect(await redis.ttl(key ?? '')).toBeLessThanOrEqual(ADMIN_CACHE_SECONDS);

    fake.setChatMemberStatus(team.id, dana.id, 'member');
    await adminCacheExpired(team.id, dana.id);
    const mark = bot.mark();
    expect((await bot.press(dana, card, buttonData(card, 'Done'))).answer).toContain('Only the author');
    expect(fake.callsSince(mark, 'getChatMember')).toHaveLength(1);
    expect(await stored('Admin watched')).toMatchObject({ status: 'open', priorityId: 3 });
  });

  it('in a group only admins rename or archive projects, also when demoted mid-way', async () => {
    await bot.ask(ann, '/project new Garden', 'Project “Garden” is ready', team);
    const view = await bot.ask(ann, '/projects', '📁 Projects:', team);
    const garden = await projects().findOneByOrFail({ chatId: team.id, name: 'Garden' });
    const mark = bot.mark();
    expect((await bot.press(ann, view, buttonData(view, '🗄'))).answer).toContain(
      'Only a chat admin can rename or archive',
    );
    expect((await bot.press(boris, view, buttonData(view, '✏️'))).answer).toContain(
      'Переименовывать и архивировать проекты этого чата могут только его админы',
    );
    expect(fake.callsSince(mark, 'sendMessage')).toHaveLength(0);
    expect(await projects().findOneByOrFail({ id: garden.id })).toMatchObject({
      name: 'Garden',
      archived: false,
    });

    // Asked while an admin, answered after losing the status: refused.
    fake.setChatMemberStatus(team.id, dana.id, 'administrator');
    await adminCacheExpired(team.id, dana.id);
    const asked = await bot.press(dana, view, buttonData(view, '✏️'));
    const question = await bot.reply(team.id, 'Send the new name of “Garden”', asked.seq);
    fake.setChatMemberStatus(team.id, dana.id, 'member');
    await adminCacheExpired(team.id, dana.id);
    const answered = await bot.answer(dana, question, 'Stolen', team);
    await bot.reply(team.id, 'Only a chat admin can rename or archive', answered);
    expect((await projects().findOneByOrFail({ id: garden.id })).name).toBe('Garden');

    // An admin archives it.
    const archived = await bot.press(erin, view, buttonData(view, '🗄'));
    expect(archived.answer).toContain('“Garden” is archived');
    expect((await projects().findOneByOrFail({ id: garden.id })).archived).toBe(true);

    // Someone else cannot take it back out by adding a task into it; an admin can.
    await bot.ask(ann, '/add Plant tulips #Garden', 'only chat admins can take it back out', team);
    expect((await projects().findOneByOrFail({ id: garden.id })).archived).toBe(true);
    expect(await tasks().countBy({ title: 'Plant tulips' })).toBe(0);
    await bot.ask(erin, '/add Plant roses #Garden', 'Plant roses', team);
    expect((await projects().findOneByOrFail({ id: garden.id })).archived).toBe(false);
    expect((await stored('Plant roses')).projectId).toBe(garden.id);
  });

  it('assigns by @username only people seen in the chat, and says so in both languages', async () => {
    const fay = user(6_300_006, { first_name: 'Fay', language_code: 'en', username: 'fay_a' });
    // Fay was seen in the other chat only.
    await bot.ask(fay, '/tasks', 'Open tasks', other);
    const before = await tasks().count();
    await bot.ask(ann, '/add Paint the fence @fay_a', 'I don’t know @fay_a yet', team);
    await bot.ask(boris, '/add Покрасить забор @FAY_A', 'Я пока не знаю @FAY_A', team);
    await bot.ask(ann, '/add Paint the fence @nobody_here', 'I don’t know @nobody_here yet', team);
    expect(await tasks().count()).toBe(before);

    await bot.ask(fay, '/tasks', 'Open tasks', team);
    const card = await bot.ask(ann, '/add Paint the fence @fay_a', 'Paint the fence', team);
    expect(card.text).toContain('👤 @fay_a');
    expect((await stored('Paint the fence')).assigneeId).toBe(fay.id);
  });

  it('never assigns by reply to Telegram’s shared accounts or to a chat speaking for itself', async () => {
    const shared = [
      { from: { id: 777000, is_bot: false, first_name: 'Telegram' } },
      {
        from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
        sender_chat: team,
      },
      {
        from: { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' },
        sender_chat: { id: -1006300900, type: 'channel', title: 'News' },
      },
    ];
    for (const [i, author] of shared.entries()) {
      const title = `Read the post ${i}`;
      const since = await bot.say(ann, `/add ${title}`, team, {
        reply_to_message: { message_id: 900 + i, date: 0, chat: team, text: 'a post', ...author },
      });
      await bot.reply(team.id, title, since);
      expect((await stored(title)).assigneeId).toBeNull();
    }
  });

  it('gives shared sender accounts no person: no undo, list or settings, and the chat’s rights only', async () => {
    const channelBot = user(136817688, { is_bot: true, first_name: 'Channel', username: 'Channel_Bot' });
    const anonymous = user(1087968824, { is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' });
    const autoForward = user(777000, { first_name: 'Telegram' });
    const news = { sender_chat: { id: -1006300901, type: 'channel', title: 'News' } };
    const sport = { sender_chat: { id: -1006300902, type: 'channel', title: 'Sport' } };
    const asTeam = { sender_chat: team };
    /** The number a list shows a task under. */
    const numberOf = (list: Sent, title: string) => {
      const found = new RegExp(`(\\d+)\\. [^\\n]*${title}`).exec(list.text ?? '');
      if (!found) throw new Error(`"${title}" is not in the list:\n${list.text}`);
      return found[1];
    };

    // Two channels post as the same account: one may not complete or undo what the other added.
    let since = await bot.say(channelBot, '/add Post the match report', team, news);
    await bot.reply(team.id, 'Post the match report', since);
    since = await bot.say(channelBot, '/tasks', team, sport);
    const list = await bot.reply(team.id, 'Post the match report', since);
    since = await bot.say(channelBot, `/done ${numberOf(list, 'Post the match report')}`, team, sport);
    await bot.reply(team.id, 'Only the author, the assignee or a chat admin', since);
    since = await bot.say(channelBot, '/undo', team, sport);
    await bot.reply(team.id, 'That is personal', since);
    expect((await stored('Post the match report')).status).toBe('open');

    // Nothing personal for an account many share: no task list, no settings.
    since = await bot.say(autoForward, '/my', team);
    await bot.reply(team.id, 'That is personal', since);
    since = await bot.say(channelBot, '/settings tz Asia/Tokyo', team, news);
    await bot.reply(team.id, 'That is personal', since);
    const sharedRow = await bot
      .database()
      .dataSource.query('SELECT time_zone FROM users WHERE id = 136817688');
    expect(sharedRow[0]?.time_zone ?? null).toBeNull();

    // An anonymous admin of the team acts as its admin: it completes a task someone else wrote.
    await bot.ask(ann, '/add Book the hall', 'Book the hall', team);
    since = await bot.say(anonymous, '/tasks', team, asTeam);
    const teamList = await bot.reply(team.id, 'Book the hall', since);
    since = await bot.say(anonymous, `/done ${numberOf(teamList, 'Book the hall')}`, team, asTeam);
    await bot.reply(team.id, '✅ Done', since);
    expect((await stored('Book the hall')).status).toBe('done');

    // And it is nobody to assign a task to.
    since = await bot.say(ann, '/add Sweep the floor @GroupAnonymousBot', team);
    await bot.reply(team.id, 'I don’t know @GroupAnonymousBot yet', since);
  });

  it('says once, in the person’s language, that invisible characters were removed', async () => {
    let seq = await bot.say(ann, '/add Tea\u0000 time');
    const reply = await bot.reply(ann.id, 'Tea time', seq);
    expect(reply.text).toContain('Some invisible characters (NUL) were removed');
    expect(await tasks().countBy({ title: 'Tea time' })).toBe(1);

    seq = await bot.say(boris, '/search Tea\u0000');
    await bot.reply(boris.id, 'удалены невидимые символы', seq);

    seq = await bot.say(ann, '/add Tea again');
    expect((await bot.reply(ann.id, 'Tea again', seq)).text).not.toContain('invisible');
    const notes = fake
      .callsOf('sendMessage')
      .filter((call) => String(call.payload.text).includes('invisible characters'));
    expect(notes).toHaveLength(1);
  });
});
