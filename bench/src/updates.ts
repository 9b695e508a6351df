import { privateChat, textMessage, user } from '@taskbot/fake-bot-api/updates';

// The updates the load is made of: text commands from many people, each in their private chat.
// Update ids grow across the whole bench run, so no update is ever a redelivery of another.

let lastUpdateId = 1_000_000;
const FIRST_USER_ID = 700_000_000;

export const userIdOf = (index: number, chats: number): number => FIRST_USER_ID + (index % chats);

/** Updates of the mix: /add (a write) and /tasks (a read) in turn, from `chats` different people. */
export function mixedUpdate(index: number, chats: number): { chatId: number; body: string } {
  const person = user(userIdOf(index, chats), { language_code: index % 5 === 0 ? 'ru' : 'en' });
  const round = Math.floor(index / chats);
  const text = (index + round) % 2 === 0 ? `/add Bench task ${index} #work !high` : '/tasks';
  return { chatId: person.id, body: commandBody(person.id, text, person.language_code) };
}

/** One message update of `text` from the person `userId` in their private chat, as JSON. */
export function commandBody(userId: number, text: string, languageCode = 'en'): string {
  lastUpdateId += 1;
  const person = user(userId, { language_code: languageCode });
  return JSON.stringify(
    textMessage({ updateId: lastUpdateId, chat: privateChat(person), from: person, text }),
  );
}
