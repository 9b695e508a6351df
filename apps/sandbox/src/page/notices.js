// Feedback that is not a message: the error line above the composer, short-lived toasts and the
// alert a bot's answerCallbackQuery({ show_alert }) opens, as Telegram shows them.
import { el } from './message-text.js';

const TOAST_MS = 4_000;
const $ = (id) => document.getElementById(id);

/** Shows what went wrong above the composer; an empty message hides the line. */
export function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = !message;
}

export function toast(text) {
  const node = el('div', 'toast', text);
  $('toasts').append(node);
  setTimeout(() => node.remove(), TOAST_MS);
}

export function alertBox(text) {
  $('alert-text').textContent = text;
  $('alert').hidden = false;
  $('alert-ok').focus();
}
