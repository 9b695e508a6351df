// The page's fixed controls: the composer, the command menu button, the alert's OK, the user and
// language pickers and the "Forward to…" dialog. Controls drawn with the messages (buttons, reply
// arrows, chat entries) get their listeners where they are drawn, in render-chat.js and
// render-page.js; a message's ↪ is heard here, on the list, since the dialog it opens may open chats.
import { send, sendFile } from './actions.js';
import { putLanguage } from './api.js';
import { bindForwardDialog, openForward } from './forward-menu.js';
import { showError } from './notices.js';
import { setReplyTo } from './render-chat.js';
import { renderAll, renderMenu } from './render-page.js';
import { chatMessages, currentChat, rememberLanguage, state, visibleChats } from './state.js';

const $ = (id) => document.getElementById(id);

export function bindControls() {
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('composer-input');
    const text = input.value;
    if (text.trim() === '') return;
    // The text stays in the box if the sandbox refused it, so it can be fixed and sent again.
    if (await send(text, state.replyTo?.message_id)) {
      input.value = '';
      setReplyTo(undefined);
    }
  });
  $('attach-button').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async (event) => {
    const [file] = event.target.files;
    event.target.value = '';
    if (!file) return;
    // The text in the box goes as the file's caption (so "/add …" with a photo adds a task).
    const input = $('composer-input');
    if (await sendFile(file, input.value.trim(), state.replyTo?.message_id)) {
      input.value = '';
      setReplyTo(undefined);
    }
  });
  $('composer-input').addEventListener('keydown', (event) => {
    // Enter sends and Shift+Enter breaks the line, as in Telegram; not while an IME is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    } else if (event.key === 'Escape') {
      setReplyTo(undefined);
      $('menu').hidden = true;
    }
  });
  $('reply-cancel').addEventListener('click', () => setReplyTo(undefined));
  $('messages').addEventListener('click', (event) => {
    const button = event.target.closest?.('button.forward');
    const messageId = Number(button?.closest('.message')?.dataset.messageId);
    const message = chatMessages(state.chatId).get(messageId);
    if (message) openForward(message, button);
  });
  bindForwardDialog();
  $('menu-button').addEventListener('click', () => {
    renderMenu();
    $('menu').hidden = !$('menu').hidden;
  });
  $('alert-ok').addEventListener('click', () => {
    $('alert').hidden = true;
  });
  $('user-select').addEventListener('change', (event) => {
    // A private chat belongs to one user: switching user moves to the new user's private chat.
    const wasPrivate = currentChat()?.type === 'private';
    state.userId = Number(event.target.value);
    if (wasPrivate || !visibleChats().some((chat) => chat.id === state.chatId)) {
      state.chatId = visibleChats().find((chat) => chat.type === 'private')?.id ?? visibleChats()[0]?.id;
    }
    state.unread.clear();
    setReplyTo(undefined);
    renderAll();
  });
  $('user-language').addEventListener('change', async (event) => {
    // Not set in the state here: the sandbox's "users" event brings the change to every page.
    showError('');
    try {
      await putLanguage(state.userId, event.target.value);
    } catch (error) {
      showError(error.message);
    }
  });
  $('ui-language').addEventListener('change', (event) => {
    state.ui = event.target.value;
    rememberLanguage();
    renderAll();
  });
}
