// Everything around the open chat: the chat list, the user and language pickers, the command menu
// and the page's own words; renderAll redraws the whole page after a snapshot or a change of user,
// chat or page language.
import { el } from './message-text.js';
import { renderHeader, renderMessages, renderReplyBar, setReplyTo } from './render-chat.js';
import { chatMessages, chatName, currentUser, rememberChoices, state, t, visibleChats } from './state.js';

const $ = (id) => document.getElementById(id);

/** The chats the chosen user is in, each with its last line and how many messages they have not seen. */
export function renderChatList() {
  const nav = $('chat-list');
  nav.replaceChildren();
  for (const chat of visibleChats()) {
    const entry = el('button', `chat-entry${chat.id === state.chatId ? ' active' : ''}`);
    entry.type = 'button';
    entry.dataset.chatId = String(chat.id);
    entry.append(el('span', 'chat-entry-title', chatName(chat)));
    const last = [...chatMessages(chat.id).values()].at(-1);
    entry.append(
      el(
        'span',
        'chat-entry-last',
        last?.text?.split('\n')[0] ?? t(chat.type === 'private' ? 'privateChat' : 'group'),
      ),
    );
    const unread = state.unread.get(chat.id);
    if (unread) entry.append(el('span', 'badge', String(unread)));
    entry.addEventListener('click', () => openChat(chat.id));
    nav.append(entry);
  }
}

export function renderUsers() {
  const select = $('user-select');
  select.replaceChildren();
  for (const user of state.users) {
    const option = el('option', '', `${user.first_name} (${user.language_code})`);
    option.value = String(user.id);
    select.append(option);
  }
  select.value = String(state.userId);
  $('user-language').value = currentUser()?.language_code ?? 'en';
}

/** The bot's command menu in the chosen user's Telegram language, as setMyCommands left it. */
export function renderMenu() {
  const menu = $('menu');
  menu.replaceChildren();
  const commands = state.commands[currentUser()?.language_code ?? 'en'] ?? [];
  if (commands.length === 0) menu.append(el('div', 'menu-empty', t('noCommands')));
  for (const { command, description } of commands) {
    const item = el('button', 'menu-item');
    item.type = 'button';
    item.append(el('span', 'menu-command', `/${command}`), el('span', 'menu-description', description));
    item.addEventListener('click', () => {
      menu.hidden = true;
      const input = $('composer-input');
      input.value = `/${command} `;
      input.focus();
    });
    menu.append(item);
  }
}

/** The page's own words (the data-text and data-title elements) in the page's language. */
export function renderTexts() {
  document.documentElement.lang = state.ui;
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
  for (const node of document.querySelectorAll('[data-title]')) node.title = t(node.dataset.title);
  $('composer-input').placeholder = t('placeholder');
  $('ui-language').value = state.ui;
  document.title = t('title');
  const status = $('status');
  status.textContent = t(status.dataset.state);
}

export function renderAll() {
  rememberChoices();
  renderTexts();
  renderUsers();
  renderChatList();
  renderHeader();
  renderMessages(true);
  renderReplyBar();
}

export function openChat(chatId) {
  state.chatId = chatId;
  state.unread.delete(chatId);
  setReplyTo(undefined);
  renderAll();
  $('composer-input').focus();
}
