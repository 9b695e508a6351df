import type { Language } from './language';

// Every text the bot shows, in each language. Placeholders are {name}; values are inserted by
// `t()` already escaped for Telegram's HTML parse mode.

const en = {
  greeting:
    'Hi, {name}! I keep this chat’s tasks.\n\n' +
    '/add Buy milk — add a task\n/tasks — open tasks\n/help — how to use me',
  help:
    'How to use me:\n' +
    '/add <text> — add a task (in a private chat plain text works too)\n' +
    '/tasks — the open tasks of this chat, with a ✅ Done button for each\n\n' +
    'Example: /add Send the report',
  taskAdded: '➕ Added task #{id}: <b>{title}</b>',
  taskAlreadyAdded: 'Task #{id} is already on the list: <b>{title}</b>',
  emptyTitle: 'Please write what to do after the command, for example: /add Buy milk',
  titleTooLong: 'That title is too long: {length} characters, at most {max}.',
  listHeader: '📋 Open tasks ({count}):',
  listEmpty: 'No open tasks. Add one with /add <text>.',
  listMore: '…and {count} more.',
  doneButton: '✅ Done',
  taskDone: '✅ Done: {title}',
  taskAlreadyDone: 'That task is already done.',
  taskNotFound: 'That task no longer exists.',
  unknownCommand: 'I don’t know that command. /help lists what I can do.',
  unknownButton: 'This button no longer works.',
  slowDown: 'You are sending messages too fast. Please wait a minute; messages sent meanwhile are ignored.',
  failed: 'Something went wrong on our side. Please try again in a minute.',
  reminder: '⏰ Reminder: <b>{title}</b>',
  reminderFor: '⏰ <a href="tg://user?id={userId}">{name}</a>, a reminder: <b>{title}</b>',
  reminderDue: '📅 Due {due}',
  snooze15mButton: '⏰ 15 min',
  snooze1hButton: '⏰ 1 hour',
  snoozeTomorrowButton: '⏰ Tomorrow',
  snoozeChoose: '⏰ When should I remind you about <b>{title}</b>?',
  snoozedUntil: '⏰ I’ll remind you at {time}: <b>{title}</b>',
  snoozeAnswer: '⏰ I’ll remind you at {time}',
  snoozeNotOpen: 'That task is done already; there is nothing to remind.',
  notYourTask: 'Only the author, the assignee or a chat admin can change this task.',
  digestHeader: '🗓 Your tasks for {date}:',
  digestOverdue: '⚠️ Overdue',
  digestToday: '📅 Due today',
  digestMore: '…and {count} more: /my lists them all.',
} as const;

export type TextKey = keyof typeof en;

const ru: Record<TextKey, string> = {
  greeting:
    'Привет, {name}! Я веду задачи этого чата.\n\n' +
    '/add Купить молоко — добавить задачу\n/tasks — открытые задачи\n/help — как мной пользоваться',
  help:
    'Как мной пользоваться:\n' +
    '/add <текст> — добавить задачу (в личном чате можно просто написать текст)\n' +
    '/tasks — открытые задачи чата, у каждой кнопка ✅ Готово\n\n' +
    'Пример: /add Отправить отчёт',
  taskAdded: '➕ Задача #{id} добавлена: <b>{title}</b>',
  taskAlreadyAdded: 'Задача #{id} уже в списке: <b>{title}</b>',
  emptyTitle: 'Напишите, что сделать, после команды, например: /add Купить молоко',
  titleTooLong: 'Слишком длинное название: {length} символов, можно не больше {max}.',
  listHeader: '📋 Открытые задачи ({count}):',
  listEmpty: 'Открытых задач нет. Добавьте: /add <текст>.',
  listMore: '…и ещё {count}.',
  doneButton: '✅ Готово',
  taskDone: '✅ Готово: {title}',
  taskAlreadyDone: 'Эта задача уже выполнена.',
  taskNotFound: 'Этой задачи больше нет.',
  unknownCommand: 'Я не знаю такой команды. /help — что я умею.',
  unknownButton: 'Эта кнопка больше не работает.',
  slowDown: 'Вы пишете слишком часто. Подождите минуту: сообщения за это время не обрабатываются.',
  failed: 'У нас что-то сломалось. Попробуйте через минуту.',
  reminder: '⏰ Напоминание: <b>{title}</b>',
  reminderFor: '⏰ <a href="tg://user?id={userId}">{name}</a>, напоминание: <b>{title}</b>',
  reminderDue: '📅 Срок: {due}',
  snooze15mButton: '⏰ 15 мин',
  snooze1hButton: '⏰ 1 час',
  snoozeTomorrowButton: '⏰ Завтра',
  snoozeChoose: '⏰ Когда напомнить о задаче <b>{title}</b>?',
  snoozedUntil: '⏰ Напомню в {time}: <b>{title}</b>',
  snoozeAnswer: '⏰ Напомню в {time}',
  snoozeNotOpen: 'Эта задача уже выполнена, напоминать не о чем.',
  notYourTask: 'Менять эту задачу могут только автор, исполнитель или админ чата.',
  digestHeader: '🗓 Ваши задачи на {date}:',
  digestOverdue: '⚠️ Просрочены',
  digestToday: '📅 На сегодня',
  digestMore: '…и ещё {count}: /my покажет все.',
};

const catalog: Record<Language, Record<TextKey, string>> = { en, ru };

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function t(language: Language, key: TextKey, params: Record<string, string | number> = {}): string {
  return catalog[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? escapeHtml(String(params[name])) : placeholder,
  );
}

export const languages: Language[] = ['en', 'ru'];
export const textKeys = Object.keys(en) as TextKey[];
export const rawText = (language: Language, key: TextKey): string => catalog[language][key];
