// What a person does that goes to the sandbox: write a message, press a button, forward a message. Failures show in the
// error line; nothing here re-renders, since the sandbox's events bring back what changed.
import { postFile, postForward, postMessage, postPress } from './api.js';
import { showError, toast } from './notices.js';
import { state, t } from './state.js';

// A bot that never answers must not leave its button disabled for good.
const ANSWER_TIMEOUT_MS = 15_000;

/** Sends text as the chosen user in the open chat; resolves true once the sandbox took it. */
export async function send(text, replyToMessageId) {
  if (!state.chatId || !state.userId) return;
  showError('');
  try {
    await postMessage(state.userId, state.chatId, text, replyToMessageId);
    return true;
  } catch (error) {
    showError(error.message);
    return false;
  }
}

/** The file's bytes as base64, as the sandbox takes them in JSON. */
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}

/** Sends a file as the chosen user in the open chat, with a caption; resolves true once taken. */
export async function sendFile(file, caption, replyToMessageId) {
  if (!state.chatId || !state.userId) return;
  showError('');
  try {
    const base64 = await base64Of(file);
    const described = { fileName: file.name, mimeType: file.type, base64 };
    await postFile(
      state.userId,
      state.chatId,
      caption ? { ...described, caption } : described,
      replyToMessageId,
    );
    return true;
  } catch (error) {
    showError(error.message);
    return false;
  }
}

/** Forwards a message as the chosen user to a chat of theirs; resolves true once the sandbox took it. */
export async function forward(message, toChatId) {
  if (!state.userId) return false;
  showError('');
  try {
    await postForward(state.userId, message.chat.id, message.message_id, toChatId);
    return true;
  } catch (error) {
    showError(error.message);
    return false;
  }
}

/** Presses an inline button; the button stays pending until the bot answers or the wait runs out. */
export async function press(message, button, node) {
  showError('');
  node.classList.add('pending');
  node.disabled = true;
  try {
    const { queryId } = await postPress(
      state.userId,
      message.chat.id,
      message.message_id,
      button.callback_data,
    );
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

/** The bot answered the press (or the wait ran out): the button can be pressed again. */
export function finishPress(queryId) {
  const pending = state.pressed.get(queryId);
  if (!pending) return;
  clearTimeout(pending.timer);
  pending.node.classList.remove('pending');
  pending.node.disabled = false;
  state.pressed.delete(queryId);
}
