import { Project } from '@taskbot/db/entities/Project';
import { Task } from '@taskbot/db/entities/Task';
import { user } from '@taskbot/fake-bot-api/updates';
import { buttonData, buttonLabels, useTaskBot } from './tasks-harness';

// Projects end to end, in English and Russian: /projects with counts, creating by button (the bot
// asks with ForceReply) and by `/project new`, renaming and archiving by buttons, a project's list,
// and the project picker on a task card.

describe('projects, end to end', () => {
  const bot = useTaskBot('projects');
  const ann = user(6_200_001, { first_name: 'Ann', language_code: 'en' });
  const boris = user(6_200_002, { first_name: 'Борис', language_code: 'ru' });
  const projectNamed = (name: string) =>
    bot.database().dataSource.getRepository(Project).findOneByOrFail({ chatId: ann.id, name });

  it('shows an empty list with a button that creates a project by asking for its name', async () => {
    const empty = await bot.ask(ann, '/projects', 'No projects yet');
    const { seq } = await bot.press(ann, empty, buttonData(empty, 'New project'));
    const question = await bot.reply(ann.id, 'Send the name of the new project', seq);
    await bot.reply(ann.id, 'Project “Garden” is ready', await bot.answer(ann, question, 'Garden'));
    expect((await bot.ask(ann, '/projects', '📁 Projects:')).text).toContain('Garden — 0 open');
  });

  it('creates one with /project new, and explains a taken name, a bad one, and the usage', async () => {
    await bot.ask(ann, '/project new Work', 'Project “Work” is ready');
    await bot.ask(ann, '/project new Work', 'There is already a project “Work”');
    await bot.ask(ann, `/project new ${'x'.repeat(129)}`, 'A project name is 1 to 128 characters');
    await bot.ask(ann, '/project', 'Send /project new Name');
    await bot.ask(ann, '/project old Work', 'Send /project new Name');
    expect(await bot.database().dataSource.getRepository(Project).countBy({ chatId: ann.id })).toBe(2);
  });

  it('renames a project with its ✏️ button and a reply', async () => {
    const view = await bot.ask(ann, '/projects', '📁 Projects:');
    expect(buttonLabels(view)).toEqual([
      '📁 Garden (0)',
      '✏️',
      '🗄',
      '📁 Work (0)',
      '✏️',
      '🗄',
      '➕ New project',
    ]);
    const { seq } = await bot.press(ann, view, buttonData(view, '✏️'));
    const question = await bot.reply(ann.id, 'Send the new name of “Garden”', seq);
    await bot.reply(ann.id, 'Renamed to “Yard”', await bot.answer(ann, question, 'Yard'));
    expect((await projectNamed('Yard')).archived).toBe(false);
  });

  it('puts a task into a project with the picker on its card, and counts it', async () => {
    const card = await bot.ask(ann, '/add Plant trees', 'Plant trees');
    const picker = await bot.pressAndSee(ann, card, card, 'Project', 'Plant trees');
    // The renamed project shows its new name at once: the cache was invalidated.
    expect(buttonLabels(picker)).toEqual(['📁 Yard', '📁 Work', '🚫 No project', '⬅️ Back']);
    expect((await bot.pressAndSee(ann, card, picker, 'Yard', '📁 Yard')).answer).toContain('Saved');
    const task = await bot
      .database()
      .dataSource.getRepository(Task)
      .findOneByOrFail({ title: 'Plant trees' });
    expect(task.projectId).toBe((await projectNamed('Yard')).id);

    const view = await bot.ask(ann, '/projects', '📁 Projects:');
    expect(view.text).toContain('Yard — 1 open');
    const list = await bot.pressAndSee(ann, view, view, 'Yard (1)', '📁 Yard (1):');
    expect(list.text).toContain('Plant trees');

    const again = await bot.pressAndSee(ann, card, card, 'Project', 'Plant trees');
    const cleared = await bot.pressAndSee(ann, card, again, 'No project', 'Plant trees');
    expect(cleared.text).not.toContain('📁');
  });

  it('refuses a project of another chat or an archived one from forged picker data', async () => {
    const card = await bot.ask(ann, '/add Forged project', 'Forged project');
    const id = (
      await bot.database().dataSource.getRepository(Task).findOneByOrFail({ title: 'Forged project' })
    ).id;
    const other = await bot
      .database()
      .dataSource.getRepository(Project)
      .save({ chatId: ann.id, name: 'Gone' });
    await bot.database().dataSource.getRepository(Project).update({ id: other.id }, { archived: true });
    expect((await bot.press(ann, card, `c:${id}:j${other.id}`)).answer).toContain('no longer exists');
    expect((await bot.press(ann, card, `c:${id}:j999999`)).answer).toContain('no longer exists');
  });

  it('archives a project with its 🗄 button; its tasks keep it', async () => {
    const tasks = bot.database().dataSource.getRepository(Task);
    const yard = await projectNamed('Yard');
    await tasks.update({ title: 'Plant trees' }, { projectId: yard.id });
    const view = await bot.ask(ann, '/projects', '📁 Projects:');
    const work = await projectNamed('Work');
    const archived = await bot.press(ann, view, buttonData(view, '🗄'));
    expect(archived.answer).toContain('archived');
    const after = await bot.edited(view, '📁 Projects:', archived.seq);
    expect(after.text).not.toContain('Yard');
    expect(after.text).toContain('Work — 0 open');
    expect((await projectNamed('Yard')).archived).toBe(true);
    expect(work.archived).toBe(false);
    expect((await tasks.findOneByOrFail({ title: 'Plant trees' })).projectId).toBe(yard.id);
  });

  it('works in Russian', async () => {
    await bot.ask(boris, '/projects', 'Проектов пока нет');
    await bot.ask(boris, '/project new Дом', 'Проект «Дом» создан');
    await bot.ask(boris, '/project new Дом', 'Проект «Дом» уже есть');
    await bot.ask(boris, '/project', 'отправьте /project new Название');
    const view = await bot.ask(boris, '/projects', '📁 Проекты:');
    expect(view.text).toContain('Дом — открытых: 0');
    expect(buttonLabels(view)).toContain('➕ Новый проект');
    const { seq } = await bot.press(boris, view, buttonData(view, '✏️'));
    const question = await bot.reply(boris.id, 'Пришлите новое название для «Дом»', seq);
    await bot.reply(boris.id, 'Новое название: «Дача»', await bot.answer(boris, question, 'Дача'));

    const card = await bot.ask(boris, '/add Покрасить забор', 'Покрасить забор');
    const picker = await bot.pressAndSee(boris, card, card, 'Проект', 'Покрасить забор');
    expect(buttonLabels(picker)).toEqual(['📁 Дача', '🚫 Без проекта', '⬅️ Назад']);
    await bot.pressAndSee(boris, card, picker, 'Дача', '📁 Дача');

    const again = await bot.ask(boris, '/projects', '📁 Проекты:');
    const archived = await bot.press(boris, again, buttonData(again, '🗄'));
    expect(archived.answer).toContain('в архиве');
    await bot.edited(again, 'Проектов пока нет', archived.seq);
  });
});
