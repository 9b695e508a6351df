// The sandbox chat page: plain JavaScript, no build step. Everything shown is put in with
// textContent or created elements, never parsed as HTML, so what users and the bot write is escaped.
(() => {
  const TEXTS = window.SANDBOX_TEXTS;
  const ANSWER_TIMEOUT_MS = 15_000;
  const TYPING_MS = 5_000;
  const TOAST_MS = 4_000;

  const state = {
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
    pressed: new Map(), // query id -> { button, timer }
  };

  const $ = (id) => document.getElementById(id);
  const { el } = window.SandboxMessageText;
  const t = (key, values = {}) =>
    (TEXTS[state.ui]?.[key] ?? TEXTS.en[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name]));

  const currentUser = () => state.users.find((user) => user.id === state.userId);
  const visibleChats = () => state.chats.filter((chat) => chat.memberIds.includes(state.userId));
  const currentChat = () => state.chats.find((chat) => chat.id === state.chatId);
  const chatMessages = (chatId) => {
    if (!state.messages.has(chatId)) state.messages.set(chatId, new Map());
    return state.messages.get(chatId);
  };
  const chatName = (chat) =>
    chat.type === 'private' ? `${state.bot?.first_name ?? 'Bot'} · ${chat.first_name}` : chat.title;
  const authorName = (from) => {
    if (!from) return '';
    if (from.id === state.userId) return t('you');
    return from.first_name;
  };

  // --- Talking to the sandbox -------------------------------------------------------------------

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || answer.description || `HTTP ${response.status}`);
    return answer;
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message;
    box.hidden = !message;
  }

  async function send(text, replyToMessageId) {
    if (!state.chatId || !state.userId) return;
    showError('');
    try {
      await api('POST', '/api/messages', {
        userId: state.userId,
        chatId: state.chatId,
        text,
        replyToMessageId,
      });
      return true;
    } catch (error) {
      showError(error.message);
      return false;
    }
  }

  async function press(message, button, node) {
    showError('');
    node.classList.add('pending');
    node.disabled = true;
    try {
      const { queryId } = await api('POST', '/api/presses', {
        userId: state.userId,
        chatId: message.chat.id,
        messageId: message.message_id,
        data: button.callback_data,
      });
      const timer = setTimeout(() => {
        finishPress(queryId);
        toast(t('noAnswer'));
      }, ANSWER_TIMEOUT_MS);
      state.pressed.set(queryId, { node, timer });
    } catch (error) {
      node.classList.remove('pending');
      node.disabled = false;
      showError(error.message);
    }
  }

  function finishPress(queryId) {
    const pending = state.pressed.get(queryId);
    if (!pending) return;
    clearTimeout(pending.timer);
    pending.node.classList.remove('pending');
    pending.node.disabled = false;
    state.pressed.delete(queryId);
  }

  // --- Events from the sandbox --------------------------------------------------------------------

  function connect() {
    const events = new EventSource('/api/events');
    const status = $('status');
    const setStatus = (name) => {
      status.dataset.state = name;
      status.textContent = t(name);
    };
    setStatus('connecting');
    events.onopen = () => setStatus('connected');
    events.onerror = () => setStatus('disconnected');
    const on = (type, handle) => events.addEventListener(type, (event) => handle(JSON.parse(event.data)));
    on('snapshot', (snapshot) => {
      state.bot = snapshot.bot;
      state.users = snapshot.users;
      state.chats = snapshot.chats;
      state.commands = snapshot.commands;
      state.messages = new Map();
      for (const [chatId, messages] of Object.entries(snapshot.messages)) {
        const byId = chatMessages(Number(chatId));
        for (const message of messages) byId.set(message.message_id, message);
      }
      if (!currentUser()) state.userId = state.users[0]?.id;
      if (!visibleChats().some((chat) => chat.id === state.chatId)) state.chatId = visibleChats()[0]?.id;
      renderAll();
    });
    on('message', ({ chatId, message }) => {
      const isNew = !chatMessages(chatId).has(message.message_id);
      chatMessages(chatId).set(message.message_id, message);
      if (message.from?.id === state.bot?.id) stopTyping(chatId);
      if (chatId === state.chatId) {
        if (isNew && message.force_reply) setReplyTo(message);
        renderMessages(isNew);
      } else if (isNew && message.from?.id !== state.userId) {
        state.unread.set(chatId, (state.unread.get(chatId) ?? 0) + 1);
      }
      renderChatList();
    });
    on('deleted', ({ chatId, messageId }) => {
      chatMessages(chatId).delete(messageId);
      if (state.replyTo?.chat.id === chatId && state.replyTo.message_id === messageId) setReplyTo(undefined);
      if (chatId === state.chatId) renderMessages(false);
      renderChatList();
    });
    on('answer', ({ queryId, userId, text, showAlert }) => {
      finishPress(queryId);
      if (!text) return;
      const user = state.users.find((u) => u.id === userId);
      const shown = userId === state.userId ? text : `${text} (${t('forUser', { name: user?.first_name })})`;
      if (showAlert) alertBox(shown);
      else toast(shown);
    });
    on('typing', ({ chatId }) => {
      stopTyping(chatId);
      state.typing.set(
        chatId,
        setTimeout(() => stopTyping(chatId), TYPING_MS),
      );
      renderHeader();
    });
    on('users', ({ users }) => {
      state.users = users;
      renderUsers();
    });
    on('commands', ({ commands }) => {
      state.commands = commands;
    });
  }

  function stopTyping(chatId) {
    clearTimeout(state.typing.get(chatId));
    if (state.typing.delete(chatId) && chatId === state.chatId) renderHeader();
  }

  // --- Rendering --------------------------------------------------------------------------------

  function renderKeyboard(message) {
    const rows = message.reply_markup?.inline_keyboard ?? [];
    const keyboard = el('div', 'keyboard');
    for (const row of rows) {
      const line = el('div', 'keyboard-row');
      for (const button of row) {
        if (button.url) {
          const link = el('a', 'inline-button', button.text);
          if (window.SandboxMessageText.isSafeLink(button.url)) link.href = button.url;
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
    if (!own)
      bubble.append(el('div', 'author', fromBot ? message.from.first_name : authorName(message.from)));
    if (message.reply_to_message) {
      const quote = el('div', 'quote');
      quote.append(el('span', 'quote-author', authorName(message.reply_to_message.from)));
      quote.append(el('span', 'quote-text', (message.reply_to_message.text ?? '').slice(0, 120)));
      bubble.append(quote);
    }
    bubble.append(window.SandboxMessageText.render(message, (command) => send(command)));
    const meta = el('div', 'meta');
    if (message.edit_date) meta.append(el('span', 'edited', t('edited')));
    const time = new Date((message.edit_date ?? message.date) * 1000);
    meta.append(
      el('span', 'time', time.toLocaleTimeString(state.ui, { hour: '2-digit', minute: '2-digit' })),
    );
    const reply = el('button', 'icon reply', '↩');
    reply.type = 'button';
    reply.title = t('reply');
    reply.addEventListener('click', () => setReplyTo(message));
    meta.append(reply);
    bubble.append(meta);
    item.append(bubble);
    if (message.reply_markup) item.append(renderKeyboard(message));
    return item;
  }

  function renderMessages(scroll) {
    const list = $('messages');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren();
    const messages = [...chatMessages(state.chatId).values()].sort((a, b) => a.message_id - b.message_id);
    if (messages.length === 0) list.append(el('div', 'empty', t('noMessages')));
    for (const message of messages) list.append(renderMessage(message));
    if (scroll || atBottom) list.scrollTop = list.scrollHeight;
  }

  function renderChatList() {
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

  function renderHeader() {
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

  function renderUsers() {
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

  function renderMenu() {
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

  function renderTexts() {
    document.documentElement.lang = state.ui;
    for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
    for (const node of document.querySelectorAll('[data-title]')) node.title = t(node.dataset.title);
    $('composer-input').placeholder = t('placeholder');
    $('ui-language').value = state.ui;
    document.title = t('title');
    const status = $('status');
    status.textContent = t(status.dataset.state);
  }

  function renderAll() {
    localStorage.setItem('sandbox.user', String(state.userId));
    localStorage.setItem('sandbox.chat', String(state.chatId));
    renderTexts();
    renderUsers();
    renderChatList();
    renderHeader();
    renderMessages(true);
    renderReplyBar();
  }

  function openChat(chatId) {
    state.chatId = chatId;
    state.unread.delete(chatId);
    setReplyTo(undefined);
    renderAll();
    $('composer-input').focus();
  }

  function setReplyTo(message) {
    state.replyTo = message;
    renderReplyBar();
    if (message) $('composer-input').focus();
  }

  function renderReplyBar() {
    const message = state.replyTo;
    $('reply-bar').hidden = !message;
    $('reply-preview').textContent = message
      ? `${authorName(message.from)}: ${(message.text ?? '').split('\n')[0].slice(0, 80)}`
      : '';
  }

  function toast(text) {
    const node = el('div', 'toast', text);
    $('toasts').append(node);
    setTimeout(() => node.remove(), TOAST_MS);
  }

  function alertBox(text) {
    $('alert-text').textContent = text;
    $('alert').hidden = false;
    $('alert-ok').focus();
  }

  // --- Controls ---------------------------------------------------------------------------------

  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('composer-input');
    const text = input.value;
    if (text.trim() === '') return;
    if (await send(text, state.replyTo?.message_id)) {
      input.value = '';
      setReplyTo(undefined);
    }
  });
  $('composer-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    } else if (event.key === 'Escape') {
      setReplyTo(undefined);
      $('menu').hidden = true;
    }
  });
  $('reply-cancel').addEventListener('click', () => setReplyTo(undefined));
  $('menu-button').addEventListener('click', () => {
    renderMenu();
    $('menu').hidden = !$('menu').hidden;
  });
  $('alert-ok').addEventListener('click', () => {
    $('alert').hidden = true;
  });
  $('user-select').addEventListener('change', (event) => {
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
    showError('');
    try {
      await api('PUT', `/api/users/${state.userId}`, { language_code: event.target.value });
    } catch (error) {
      showError(error.message);
    }
  });
  $('ui-language').addEventListener('change', (event) => {
    state.ui = event.target.value;
    localStorage.setItem('sandbox.ui', state.ui);
    renderAll();
  });

  renderTexts();
  connect();
})();
