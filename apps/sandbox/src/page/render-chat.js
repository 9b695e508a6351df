// The open chat: its header, its messages with their inline keyboards, and the reply bar. Everything
// shown is put in with textContent or created elements, never parsed as HTML, so what users and the
// bot write is escaped.
import { press, send } from './actions.js';
import { el, isSafeLink, mediaLabel, originName, render, summary } from './message-text.js';
import { authorName, chatMessages, chatName, currentChat, state, t } from './state.js';

const $ = (id) => document.getElementById(id);

function renderKeyboard(message) {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  const keyboard = el('div', 'keyboard');
  for (const row of rows) {
    const line = el('div', 'keyboard-row');
    for (const button of row) {
      if (button.url) {
        const link = el('a', 'inline-button', button.text);
        if (isSafeLink(button.url)) link.href = button.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        line.append(link);
        continue;
      }
      const node = el('button', 'inline-button', button.text);
      node.type = 'button';
      if (button.callback_data) node.addEventListener('click', () => press(message, button, node));
      else node.disabled = true;
      line.append(node);
    }
    keyboard.append(line);
  }
  return keyboard;
}

function renderMessage(message) {
  const fromBot = message.from?.id === state.bot?.id;
  const own = message.from?.id === state.userId;
  const item = el('div', `message ${fromBot ? 'from-bot' : own ? 'own' : 'other'}`);
  item.dataset.messageId = String(message.message_id);
  const bubble = el('div', 'bubble');
  if (!own) bubble.append(el('div', 'author', fromBot ? message.from.first_name : authorName(message.from)));
  if (message.reply_to_message) {
    const quote = el('div', 'quote');
    quote.append(el('span', 'quote-author', authorName(message.reply_to_message.from)));
    quote.append(el('span', 'quote-text', summary(message.reply_to_message, t).slice(0, 120)));
    bubble.append(quote);
  }
  if (message.forward_origin) {
    bubble.append(el('div', 'forwarded', t('forwardedFrom', { name: originName(message.forward_origin) })));
  }
  const media = mediaLabel(message, t);
  if (media) bubble.append(el('div', 'media', media));
  bubble.append(render(message, (command) => send(command)));
  const meta = el('div', 'meta');
  if (message.edit_date) meta.append(el('span', 'edited', t('edited')));
  const time = new Date((message.edit_date ?? message.date) * 1000);
  meta.append(el('span', 'time', time.toLocaleTimeString(state.ui, { hour: '2-digit', minute: '2-digit' })));
  const reply = el('button', 'icon reply', '↩');
  reply.type = 'button';
  reply.title = t('reply');
  reply.setAttribute('aria-label', t('reply'));
  reply.addEventListener('click', () => setReplyTo(message));
  meta.append(reply);
  // Opened by controls.js, which listens to the whole list: the "Forward to…" dialog outlives redraws.
  const forward = el('button', 'icon forward', '↪');
  forward.type = 'button';
  forward.title = t('forward');
  forward.setAttribute('aria-label', t('forward'));
  forward.setAttribute('aria-haspopup', 'dialog');
  meta.append(forward);
  bubble.append(meta);
  item.append(bubble);
  if (message.reply_markup) item.append(renderKeyboard(message));
  return item;
}

/** Redraws the open chat's messages; keeps the reader at the bottom if they were there, or scroll is set. */
export function renderMessages(scroll) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.replaceChildren();
  const messages = [...chatMessages(state.chatId).values()].sort((a, b) => a.message_id - b.message_id);
  if (messages.length === 0) list.append(el('div', 'empty', t('noMessages')));
  for (const message of messages) list.append(renderMessage(message));
  if (scroll || atBottom) list.scrollTop = list.scrollHeight;
}

/** The chat's name, and under it "typing…" while the bot said it is, else who is in the chat. */
export function renderHeader() {
  const chat = currentChat();
  if (!chat) return;
  $('chat-title').textContent = chatName(chat);
  const typing = state.typing.has(chat.id);
  $('chat-subtitle').textContent = typing
    ? t('typing', { name: state.bot?.first_name })
    : chat.type === 'private'
      ? t('privateChat')
      : t('members', { n: chat.memberIds.length });
  $('chat-subtitle').classList.toggle('typing', typing);
}

export function renderReplyBar() {
  const message = state.replyTo;
  $('reply-bar').hidden = !message;
  $('reply-preview').textContent = message
    ? `${authorName(message.from)}: ${summary(message, t).split('\n')[0].slice(0, 80)}`
    : '';
}

/** The next message sent answers this one (undefined: answers none). */
export function setReplyTo(message) {
  state.replyTo = message;
  renderReplyBar();
  if (message) $('composer-input').focus();
}
