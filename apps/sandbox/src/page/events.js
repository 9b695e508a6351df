// The sandbox's Server-Sent Events (GET /api/events): a "snapshot" of everything first, then one event
// per change. Each is applied to the state and redraws only what it changed. EventSource reconnects
// by itself, and the snapshot it gets then replaces whatever was missed.
import { finishPress } from './actions.js';
import { alertBox, toast } from './notices.js';
import { renderHeader, renderMessages, setReplyTo } from './render-chat.js';
import { renderAll, renderChatList, renderUsers } from './render-page.js';
import { chatMessages, currentUser, state, t, visibleChats } from './state.js';

// The bot's sendChatAction("typing") shows for 5 seconds in Telegram unless a message comes first.
const TYPING_MS = 5_000;

function stopTyping(chatId) {
  clearTimeout(state.typing.get(chatId));
  if (state.typing.delete(chatId) && chatId === state.chatId) renderHeader();
}

const handlers = {
  snapshot(snapshot) {
    state.bot = snapshot.bot;
    state.users = snapshot.users;
    state.chats = snapshot.chats;
    state.commands = snapshot.commands;
    state.messages = new Map();
    for (const [chatId, messages] of Object.entries(snapshot.messages)) {
      const byId = chatMessages(Number(chatId));
      for (const message of messages) byId.set(message.message_id, message);
    }
    // A remembered user or chat may be gone after the sandbox restarted.
    if (!currentUser()) state.userId = state.users[0]?.id;
    if (!visibleChats().some((chat) => chat.id === state.chatId)) state.chatId = visibleChats()[0]?.id;
    renderAll();
  },
  message({ chatId, message }) {
    // An edited message comes again with the same id: it replaces the old one and is not unread.
    const isNew = !chatMessages(chatId).has(message.message_id);
    chatMessages(chatId).set(message.message_id, message);
    if (message.from?.id === state.bot?.id) stopTyping(chatId);
    if (chatId === state.chatId) {
      // force_reply: Telegram's clients set up the reply to the bot's question, and so does the page.
      if (isNew && message.force_reply) setReplyTo(message);
      renderMessages(isNew);
    } else if (isNew && message.from?.id !== state.userId) {
      state.unread.set(chatId, (state.unread.get(chatId) ?? 0) + 1);
    }
    renderChatList();
  },
  deleted({ chatId, messageId }) {
    chatMessages(chatId).delete(messageId);
    if (state.replyTo?.chat.id === chatId && state.replyTo.message_id === messageId) setReplyTo(undefined);
    if (chatId === state.chatId) renderMessages(false);
    renderChatList();
  },
  answer({ queryId, userId, text, showAlert }) {
    finishPress(queryId);
    if (!text) return;
    // Every page sees every answer; one meant for another user says whom it is for.
    const user = state.users.find((u) => u.id === userId);
    const shown = userId === state.userId ? text : `${text} (${t('forUser', { name: user?.first_name })})`;
    if (showAlert) alertBox(shown);
    else toast(shown);
  },
  typing({ chatId }) {
    stopTyping(chatId);
    state.typing.set(
      chatId,
      setTimeout(() => stopTyping(chatId), TYPING_MS),
    );
    renderHeader();
  },
  users({ users }) {
    state.users = users;
    renderUsers();
  },
  commands({ commands }) {
    // Read when the menu opens; nothing on screen shows them until then.
    state.commands = commands;
  },
};

/** Listens to the sandbox's events for as long as the page is open, showing the connection's state. */
export function connect() {
  const events = new EventSource('/api/events');
  const status = document.getElementById('status');
  const setStatus = (name) => {
    status.dataset.state = name;
    status.textContent = t(name);
  };
  setStatus('connecting');
  events.onopen = () => setStatus('connected');
  events.onerror = () => setStatus('disconnected');
  for (const [type, handle] of Object.entries(handlers)) {
    events.addEventListener(type, (event) => handle(JSON.parse(event.data)));
  }
}
