// The sandbox's chat API (apps/sandbox/src/page-routes.ts), and nothing else: no state, no DOM.
// Each call resolves with the answer's JSON or throws an Error with the sandbox's own message, which
// the page shows as it is.

async function request(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || answer.description || `HTTP ${response.status}`);
  return answer;
}

/** A user writes in a chat, optionally as a reply. */
export const postMessage = (userId, chatId, text, replyToMessageId) =>
  request('POST', '/api/messages', { userId, chatId, text, replyToMessageId });

/** A user sends a file ({ fileName, mimeType, base64, caption? }), optionally as a reply. */
export const postFile = (userId, chatId, file, replyToMessageId) =>
  request('POST', '/api/files', { userId, chatId, ...file, replyToMessageId });

/** A user presses an inline button; resolves with { queryId }, the bot answers later as an event. */
export const postPress = (userId, chatId, messageId, data) =>
  request('POST', '/api/presses', { userId, chatId, messageId, data });

/** A user forwards a message of one chat they are in to another, as Telegram's Forward does. */
export const postForward = (userId, fromChatId, messageId, toChatId) =>
  request('POST', '/api/forwards', { userId, fromChatId, messageId, toChatId });

/** A user's Telegram language changes; the sandbox tells every page with a "users" event. */
export const putLanguage = (userId, languageCode) =>
  request('PUT', `/api/users/${userId}`, { language_code: languageCode });
