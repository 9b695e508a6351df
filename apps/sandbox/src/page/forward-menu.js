// The "Forward to…" dialog a message's ↪ opens, as Telegram's chat picker: the chats the chosen
// user is in (their private chat with the bot, the group). Choosing one forwards the message there
// and opens that chat, as Telegram does; Escape, Cancel or a click beside the dialog closes it.
import { forward } from './actions.js';
import { el, summary } from './message-text.js';
import { openChat } from './render-page.js';
import { chatName, state, t, visibleChats } from './state.js';

const $ = (id) => document.getElementById(id);

// The message being forwarded and the ↪ that opened the dialog (focus goes back to it on close).
let forwarding;
let opener;

export function closeForward() {
  if ($('forward-dialog').hidden) return;
  $('forward-dialog').hidden = true;
  forwarding = undefined;
  if (opener?.isConnected) opener.focus();
  opener = undefined;
}

export function openForward(message, button) {
  forwarding = message;
  opener = button;
  $('forward-preview').textContent = summary(message, t).split('\n')[0].slice(0, 80);
  const list = $('forward-chats');
  list.replaceChildren();
  for (const chat of visibleChats()) {
    const item = el('button', 'forward-chat');
    item.type = 'button';
    item.dataset.chatId = String(chat.id);
    item.append(
      el('span', 'forward-chat-name', chatName(chat)),
      el('span', 'forward-chat-kind', t(chat.type === 'private' ? 'privateChat' : 'group')),
    );
    item.addEventListener('click', () => forwardTo(chat.id));
    list.append(item);
  }
  $('forward-dialog').hidden = false;
  list.querySelector('button')?.focus();
}

async function forwardTo(chatId) {
  const message = forwarding;
  opener = undefined;
  closeForward();
  if (message && (await forward(message, chatId)) && chatId !== state.chatId) openChat(chatId);
}

export function bindForwardDialog() {
  const dialog = $('forward-dialog');
  $('forward-cancel').addEventListener('click', closeForward);
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) closeForward();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeForward();
  });
}
