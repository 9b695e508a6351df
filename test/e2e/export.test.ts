import { groupChat, user } from '@taskbot/fake-bot-api/updates';
import { useTaskBot } from './tasks-harness';

// /export end to end: who may export what. In a group only its admins (getChatMember, as for
// projects); with nothing to export the bot says so rather than send empty files.

describe('/export, end to end', () => {
  const bot = useTaskBot('export');
  const { fake } = bot;
  const ann = user(6_500_001, { first_name: 'Ann', language_code: 'en', username: 'ann_export' });
  const boris = user(6_500_002, { first_name: 'Борис', language_code: 'ru', username: 'boris_export' });
  const team = groupChat(-6_500_100, 'Export team');

  beforeAll(() => {
    fake.setChatMemberStatus(team.id, ann.id, 'administrator');
    fake.setChatMemberStatus(team.id, boris.id, 'member');
  });

  it('says there is nothing to export before there are tasks', async () => {
    await bot.ask(ann, '/export', 'There are no tasks to export here yet.');
    await bot.ask(boris, '/export', 'Выгружать пока нечего.');
    expect(fake.callsOf('sendDocument')).toHaveLength(0);
  });

  it('refuses a group’s export to anyone but its admins', async () => {
    await bot.ask(ann, '/add Team plan', 'Team plan', team);
    const seq = bot.mark();
    await bot.ask(boris, '/export', 'Выгрузить задачи группы может только её администратор.', team);
    expect(fake.callsOf('sendDocument').filter((call) => call.seq > seq)).toHaveLength(0);
  });
});
