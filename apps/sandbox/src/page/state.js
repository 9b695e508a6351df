// What the page knows: the sandbox's users, chats, messages and menus (replaced by each snapshot,
// then kept up to date by events) and the person's choices. The choices of user, chat and page
// language survive a reload through localStorage; the rest comes from the sandbox again.
import { TEXTS } from './texts.js';

export const state = {
  bot: undefined,
  users: [],
  chats: [],
  messages: new Map(), // chat id -> Map(message id -> message)
  commands: { en: [], ru: [] },
  userId: Number(localStorage.getItem('sandbox.user')) || undefined,
  chatId: Number(localStorage.getItem('sandbox.chat')) || undefined,
  ui: localStorage.getItem('sandbox.ui') || (navigator.language.startsWith('ru') ? 'ru' : 'en'),
  replyTo: undefined,
  unread: new Map(),
  typing: new Map(), // chat id -> timer
  pressed: new Map(), // query id -> { node, timer }
};

/** Keeps the chosen user and chat for the next visit. */
export function rememberChoices() {
  localStorage.setItem('sandbox.user', String(state.userId));
  localStorage.setItem('sandbox.chat', String(state.chatId));
}

/** Keeps the page's language for the next visit. */
export function rememberLanguage() {
  localStorage.setItem('sandbox.ui', state.ui);
}

/** The page's text for key in the page's language, English if missing there, with {name}s filled in. */
export const t = (key, values = {}) =>
  (TEXTS[state.ui]?.[key] ?? TEXTS.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

export const currentUser = () => state.users.find((user) => user.id === state.userId);
export const visibleChats = () => state.chats.filter((chat) => chat.memberIds.includes(state.userId));
export const currentChat = () => state.chats.find((chat) => chat.id === state.chatId);
export const chatMessages = (chatId) => {
  if (!state.messages.has(chatId)) state.messages.set(chatId, new Map());
  return state.messages.get(chatId);
};
export const chatName = (chat) =>
  chat.type === 'private' ? `${state.bot?.first_name ?? 'Bot'} · ${chat.first_name}` : chat.title;
export const authorName = (from) => {
  if (!from) return '';
  if (from.id === state.userId) return t('you');
  return from.first_name;
};
