import type { Language } from './language';

// Every text the bot shows, in each language. Placeholders are {name}; values are inserted by
// `t()` already escaped for Telegram's HTML parse mode.

const en = {
  greeting:
    'Hi, {name}! I keep the tasks of this chat.\n\n' +
    '/add Call Anna tomorrow 18:00 #work !high — add a task\n' +
    '/tasks — open tasks, /today, /overdue\n/help — everything I can do',
  help:
    '<b>Adding</b>: /add (or /new) and the text; in a private chat just write it.\n' +
    'In the text: <code>#project</code>, <code>!low</code> <code>!high</code> <code>!urgent</code> (or <code>!1</code>..<code>!4</code>), ' +
    'a date like <code>tomorrow 18:00</code>, <code>fri</code>, <code>in 2 hours</code>, <code>25.12</code>, ' +
    'and in groups <code>@username</code> to assign (or reply to their message with /add).\n' +
    'Example: <code>/add Send the report fri 10:00 #work !high</code>\n\n' +
    '<b>Lists</b>: /tasks, /today, /overdue, /my (assigned to me everywhere), /search words, /stats\n' +
    '<b>Changes</b>: /done 2 (the number in the last list), /undo, buttons under each task\n' +
    '<b>Projects</b>: /projects, /project new Name\n' +
    '<b>Settings</b>: /settings (language, time zone, reminders, digest, quiet hours), ' +
    'or <code>/settings tz Europe/Berlin</code>',
  cardDue: '📅 {due}',
  cardProject: '📁 {project}',
  cardAssignee: '👤 {name}',
  cardDone: '✅ Done',
  cardDeleted: '🗑 Deleted: <s>{title}</s>',
  cardConfirmDelete: 'Delete this task for good?',
  priority_low: 'low',
  priority_normal: 'normal',
  priority_high: 'high',
  priority_urgent: 'urgent',
  btnDone: '✅ Done',
  btnReopen: '↩️ Reopen',
  btnPriority: '❗ Priority',
  btnProject: '📁 Project',
  btnDue: '📅 Due',
  btnRemind: '⏰ Remind',
  btnEdit: '✏️ Edit',
  btnDelete: '🗑 Delete',
  btnDeleteConfirm: '🗑 Yes, delete',
  btnBack: '⬅️ Back',
  btnDueToday: '📅 Today',
  btnDueTomorrow: '📅 Tomorrow',
  btnDueNextWeek: '📅 Next week',
  btnDueNone: '🚫 No date',
  btnNoProject: '🚫 No project',
  btnPrev: '◀️ Back',
  btnNext: 'Next ▶️',
  btnFilter: '🔎 Filter',
  btnAll: '📋 All',
  btnToday: '📅 Today',
  btnOverdue: '⚠️ Overdue',
  listTitleToday: '📅 Due today ({count}):',
  listTitleOverdue: '⚠️ Overdue ({count}):',
  listTitleProject: '📁 {project} ({count}):',
  listTitlePriority: '❗ Priority {priority} ({count}):',
  listPage: 'Page {page} of {pages}',
  listNothing: 'Nothing here. /tasks shows all open tasks.',
  filterChoose: 'Show which tasks?',
  answerDone: '✅ Done',
  answerReopened: '↩️ Reopened',
  answerSaved: '✔️ Saved',
  answerDeleted: '🗑 Deleted',
  badDate: 'I could not read the date “{detail}”. Try “tomorrow 18:00”, “fri” or “25.12”.',
  badInput: 'I could not read that: {detail}',
  unknownAssignee: 'I don’t know @{username} yet: they need to write anything in this chat first.',
  doneUsage: 'Send /done and the number from the last list, for example /done 2.',
  doneNoNumber: 'There is no task {n} in the last list. /tasks shows the numbers.',
  doneOk: '✅ Done: <b>{title}</b>',
  undoNothing: 'There is nothing to undo.',
  undoOk: '↩️ Undone: {what}',
  undo_create: 'adding “{title}”',
  undo_change: 'the change to “{title}”',
  undo_delete: 'deleting “{title}”',
  editPrompt: '✏️ Send the new title of “{title}” in reply to this message.',
  projectsTitle: '📁 Projects:',
  projectsEmpty: 'No projects yet. Create one with /project new Name or #name in a task.',
  projectLine: '{name} — {count} open',
  btnNewProject: '➕ New project',
  btnRenameProject: '✏️ {name}',
  btnArchiveProject: '🗄 {name}',
  projectUsage: 'Send /project new Name to create a project.',
  projectPrompt: '📁 Send the name of the new project in reply to this message.',
  projectRenamePrompt: '✏️ Send the new name of “{name}” in reply to this message.',
  projectCreated: '📁 Project “{name}” is ready.',
  projectRenamed: '✏️ Renamed to “{name}”.',
  projectArchived: '🗄 “{name}” is archived; its tasks stay.',
  projectTaken: 'There is already a project “{name}”.',
  projectNameBad: 'A project name is 1 to {max} characters.',
  projectNotFound: 'That project no longer exists.',
  promptExpired: 'That question has expired; please use the button again.',
  settingsTitle:
    '⚙️ <b>Settings</b>\nLanguage: {language}\nTime zone: {timeZone}\nRemind before due: {lead}\n' +
    'Daily digest: {digest}\nQuiet hours: {quiet}',
  settingsOff: 'off',
  settingsMinutes: '{minutes} min',
  btnLanguage: '🇷🇺 Русский',
  btnTimeZone: '🌍 Time zone',
  btnLead: '⏰ Reminder',
  btnDigest: '🗓 Digest',
  btnQuiet: '🌙 Quiet hours',
  btnOff: '🚫 Off',
  btnOther: '⌨️ Other…',
  leadChoose: '⏰ How long before the due time should I remind you?',
  digestChoose: '🗓 When should I send the daily digest?',
  quietChoose: '🌙 When should I keep quiet?',
  timeZonePrompt: '🌍 Send your time zone in reply to this message, like Europe/Berlin or America/New_York.',
  digestPrompt: '🗓 Send the digest time in reply to this message, like 08:30.',
  quietPrompt: '🌙 Send quiet hours in reply to this message, like 22:00-07:00.',
  timeZoneBad: '“{value}” is not a time zone I know. Try Europe/Berlin or America/New_York.',
  clockBad: '“{value}” is not a time like 08:30.',
  quietBad: '“{value}” is not a range like 22:00-07:00.',
  leadBad: 'The reminder lead time is a number of minutes from 0 to {max}.',
  settingsUsage:
    'Settings by text: /settings tz Europe/Berlin, /settings lang ru, /settings lead 30, ' +
    '/settings digest 08:30 (or off), /settings quiet 22:00-07:00 (or off)',
  searchUsage: 'Send /search and some words from the title, for example /search report.',
  searchTitle: '🔎 Found {count}:',
  searchNothing: '🔎 Nothing found for “{query}”.',
  statsText: '📊 Open: {open}\n✅ Done this week: {done}\n⚠️ Overdue: {overdue}',
  myTitle: '👤 Assigned to you ({count}):',
  myNothing: 'No open tasks are assigned to you.',
  tooLong: 'That is too long: at most {max} characters.',
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
  failed:
    '⚠️ Sorry, {what} did not work: something broke on our side, and nothing is lost on yours. ' +
    'Please try again in a minute; /help lists what I can do.',
  failedWhatCommand: 'your /{command}',
  failedWhatMessage: 'your message',
  failedWhatButton: 'the button you pressed',
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
  projectsAdminOnly: 'Only a chat admin can rename or archive this chat’s projects.',
  nulRemoved: 'ℹ️ Some invisible characters (NUL) were removed from your message.',
  digestHeader: '🗓 Your tasks for {date}:',
  digestOverdue: '⚠️ Overdue',
  digestToday: '📅 Due today',
  digestMore: '…and {count} more: /my lists them all.',
  groupGreeting:
    'Hi! I keep this group’s tasks; anyone here can add them.\n\n' +
    '/add Send the report fri 10:00 @anna — add a task and assign it\n' +
    '/tasks — the open tasks, with ✅ buttons\n/my — what is assigned to you\n/help — everything I can do',
  chatMoved: 'This group became a supergroup and its tasks moved there: use /tasks in the new chat.',
  taskRetitled: '✏️ The task is now called “{title}”.',
} as const;

export type TextKey = keyof typeof en;

const ru: Record<TextKey, string> = {
  greeting:
    'Привет, {name}! Я веду задачи этого чата.\n\n' +
    '/add Позвонить Анне завтра в 18:00 #работа !высокий — добавить задачу\n' +
    '/tasks — открытые задачи, /today, /overdue\n/help — всё, что я умею',
  help:
    '<b>Добавить</b>: /add (или /new) и текст; в личном чате просто напишите его.\n' +
    'В тексте: <code>#проект</code>, <code>!низкий</code> <code>!высокий</code> <code>!срочно</code> (или <code>!1</code>..<code>!4</code>), ' +
    'дата вроде <code>завтра в 9</code>, <code>в пятницу</code>, <code>через 2 часа</code>, <code>25.12</code>, ' +
    'а в группах <code>@username</code>, чтобы назначить (или ответьте на сообщение человека командой /add).\n' +
    'Пример: <code>/add Отправить отчёт в пятницу 10:00 #работа !высокий</code>\n\n' +
    '<b>Списки</b>: /tasks, /today, /overdue, /my (мои во всех чатах), /search слова, /stats\n' +
    '<b>Изменения</b>: /done 2 (номер из последнего списка), /undo, кнопки под задачей\n' +
    '<b>Проекты</b>: /projects, /project new Название\n' +
    '<b>Настройки</b>: /settings (язык, часовой пояс, напоминания, сводка, тихие часы) ' +
    'или <code>/settings tz Europe/Moscow</code>',
  cardDue: '📅 {due}',
  cardProject: '📁 {project}',
  cardAssignee: '👤 {name}',
  cardDone: '✅ Выполнена',
  cardDeleted: '🗑 Удалена: <s>{title}</s>',
  cardConfirmDelete: 'Удалить эту задачу насовсем?',
  priority_low: 'низкий',
  priority_normal: 'обычный',
  priority_high: 'высокий',
  priority_urgent: 'срочно',
  btnDone: '✅ Готово',
  btnReopen: '↩️ Вернуть',
  btnPriority: '❗ Приоритет',
  btnProject: '📁 Проект',
  btnDue: '📅 Срок',
  btnRemind: '⏰ Напомнить',
  btnEdit: '✏️ Изменить',
  btnDelete: '🗑 Удалить',
  btnDeleteConfirm: '🗑 Да, удалить',
  btnBack: '⬅️ Назад',
  btnDueToday: '📅 Сегодня',
  btnDueTomorrow: '📅 Завтра',
  btnDueNextWeek: '📅 След. неделя',
  btnDueNone: '🚫 Без срока',
  btnNoProject: '🚫 Без проекта',
  btnPrev: '◀️ Назад',
  btnNext: 'Дальше ▶️',
  btnFilter: '🔎 Фильтр',
  btnAll: '📋 Все',
  btnToday: '📅 Сегодня',
  btnOverdue: '⚠️ Просрочены',
  listTitleToday: '📅 На сегодня ({count}):',
  listTitleOverdue: '⚠️ Просрочены ({count}):',
  listTitleProject: '📁 {project} ({count}):',
  listTitlePriority: '❗ Приоритет {priority} ({count}):',
  listPage: 'Страница {page} из {pages}',
  listNothing: 'Здесь пусто. /tasks покажет все открытые задачи.',
  filterChoose: 'Какие задачи показать?',
  answerDone: '✅ Готово',
  answerReopened: '↩️ Задача снова открыта',
  answerSaved: '✔️ Сохранено',
  answerDeleted: '🗑 Удалено',
  badDate: 'Не получилось понять дату «{detail}». Попробуйте «завтра в 18:00», «в пятницу» или «25.12».',
  badInput: 'Не получилось понять: {detail}',
  unknownAssignee: 'Я пока не знаю @{username}: пусть сначала напишет что-нибудь в этот чат.',
  doneUsage: 'Отправьте /done и номер из последнего списка, например /done 2.',
  doneNoNumber: 'В последнем списке нет задачи {n}. Номера покажет /tasks.',
  doneOk: '✅ Готово: <b>{title}</b>',
  undoNothing: 'Отменять нечего.',
  undoOk: '↩️ Отменено: {what}',
  undo_create: 'добавление «{title}»',
  undo_change: 'изменение «{title}»',
  undo_delete: 'удаление «{title}»',
  editPrompt: '✏️ Пришлите новое название для «{title}» ответом на это сообщение.',
  projectsTitle: '📁 Проекты:',
  projectsEmpty: 'Проектов пока нет. Создайте: /project new Название или #название в задаче.',
  projectLine: '{name} — открытых: {count}',
  btnNewProject: '➕ Новый проект',
  btnRenameProject: '✏️ {name}',
  btnArchiveProject: '🗄 {name}',
  projectUsage: 'Чтобы создать проект, отправьте /project new Название.',
  projectPrompt: '📁 Пришлите название нового проекта ответом на это сообщение.',
  projectRenamePrompt: '✏️ Пришлите новое название для «{name}» ответом на это сообщение.',
  projectCreated: '📁 Проект «{name}» создан.',
  projectRenamed: '✏️ Новое название: «{name}».',
  projectArchived: '🗄 «{name}» в архиве; задачи остались.',
  projectTaken: 'Проект «{name}» уже есть.',
  projectNameBad: 'Название проекта — от 1 до {max} символов.',
  projectNotFound: 'Этого проекта больше нет.',
  promptExpired: 'Этот вопрос устарел; нажмите кнопку ещё раз.',
  settingsTitle:
    '⚙️ <b>Настройки</b>\nЯзык: {language}\nЧасовой пояс: {timeZone}\nНапоминать до срока: {lead}\n' +
    'Ежедневная сводка: {digest}\nТихие часы: {quiet}',
  settingsOff: 'выкл.',
  settingsMinutes: '{minutes} мин',
  btnLanguage: '🇬🇧 English',
  btnTimeZone: '🌍 Часовой пояс',
  btnLead: '⏰ Напоминание',
  btnDigest: '🗓 Сводка',
  btnQuiet: '🌙 Тихие часы',
  btnOff: '🚫 Выкл.',
  btnOther: '⌨️ Другое…',
  leadChoose: '⏰ За сколько до срока напоминать?',
  digestChoose: '🗓 Когда присылать ежедневную сводку?',
  quietChoose: '🌙 Когда мне молчать?',
  timeZonePrompt:
    '🌍 Пришлите часовой пояс ответом на это сообщение, например Europe/Moscow или Asia/Yekaterinburg.',
  digestPrompt: '🗓 Пришлите время сводки ответом на это сообщение, например 08:30.',
  quietPrompt: '🌙 Пришлите тихие часы ответом на это сообщение, например 22:00-07:00.',
  timeZoneBad: '«{value}» — не похоже на часовой пояс. Попробуйте Europe/Moscow или Asia/Novosibirsk.',
  clockBad: '«{value}» — не время вида 08:30.',
  quietBad: '«{value}» — не промежуток вида 22:00-07:00.',
  leadBad: 'Время напоминания — число минут от 0 до {max}.',
  settingsUsage:
    'Настройки текстом: /settings tz Europe/Moscow, /settings lang en, /settings lead 30, ' +
    '/settings digest 08:30 (или off), /settings quiet 22:00-07:00 (или off)',
  searchUsage: 'Отправьте /search и слова из названия, например /search отчёт.',
  searchTitle: '🔎 Найдено: {count}',
  searchNothing: '🔎 По запросу «{query}» ничего нет.',
  statsText: '📊 Открыто: {open}\n✅ Сделано за неделю: {done}\n⚠️ Просрочено: {overdue}',
  myTitle: '👤 Назначены вам ({count}):',
  myNothing: 'Открытых задач, назначенных вам, нет.',
  tooLong: 'Слишком длинно: не больше {max} символов.',
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
  failed:
    '⚠️ Извините, не получилось обработать {what}: сбой на нашей стороне, у вас ничего не потерялось. ' +
    'Попробуйте ещё раз через минуту; /help — что я умею.',
  failedWhatCommand: 'вашу команду /{command}',
  failedWhatMessage: 'ваше сообщение',
  failedWhatButton: 'нажатие на кнопку',
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
  projectsAdminOnly: 'Переименовывать и архивировать проекты этого чата могут только его админы.',
  nulRemoved: 'ℹ️ Из вашего сообщения удалены невидимые символы (NUL).',
  digestHeader: '🗓 Ваши задачи на {date}:',
  digestOverdue: '⚠️ Просрочены',
  digestToday: '📅 На сегодня',
  digestMore: '…и ещё {count}: /my покажет все.',
  groupGreeting:
    'Привет! Я веду задачи этой группы; добавлять их может любой участник.\n\n' +
    '/add Отправить отчёт в пятницу в 10:00 @anna — добавить задачу и назначить её\n' +
    '/tasks — открытые задачи с кнопками ✅\n/my — что назначено вам\n/help — всё, что я умею',
  chatMoved: 'Эта группа стала супергруппой, и её задачи переехали туда: наберите /tasks в новом чате.',
  taskRetitled: '✏️ Теперь задача называется «{title}».',
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
