import type { Language } from '@taskbot/domain/language';
import type { Telegram } from 'telegraf';

// The command list Telegram shows in the "/" menu, in each language (setMyCommands).

const COMMANDS: Record<Language, Array<[string, string]>> = {
  en: [
    ['add', 'Add a task'],
    ['tasks', 'Open tasks'],
    ['today', 'Due today'],
    ['overdue', 'Overdue tasks'],
    ['my', 'Assigned to me'],
    ['done', 'Mark task n done'],
    ['undo', 'Undo my last change'],
    ['projects', 'Projects'],
    ['search', 'Search tasks'],
    ['stats', 'Statistics'],
    ['export', 'Export tasks (CSV, calendar)'],
    ['settings', 'Language, time zone, reminders'],
    ['forget_me', 'Delete all my data'],
    ['help', 'How to use the bot'],
  ],
  ru: [
    ['add', 'Добавить задачу'],
    ['tasks', 'Открытые задачи'],
    ['today', 'На сегодня'],
    ['overdue', 'Просроченные'],
    ['my', 'Назначенные мне'],
    ['done', 'Отметить задачу n'],
    ['undo', 'Отменить последнее'],
    ['projects', 'Проекты'],
    ['search', 'Поиск задач'],
    ['stats', 'Статистика'],
    ['export', 'Выгрузить задачи (CSV, календарь)'],
    ['settings', 'Язык, пояс, напоминания'],
    ['forget_me', 'Удалить все мои данные'],
    ['help', 'Как пользоваться'],
  ],
};

/** Registers the menu: English as the default for every language, Russian for `ru`. */
export async function registerCommandsMenu(telegram: Telegram): Promise<void> {
  const list = (language: Language) =>
    COMMANDS[language].map(([command, description]) => ({ command, description }));
  await telegram.setMyCommands(list('en'));
  await telegram.setMyCommands(list('ru'), { language_code: 'ru' });
}
