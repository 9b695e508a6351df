/**
 * SQL saying the person has not left the task's chat, for reads that gather a person's tasks across
 * chats (/my, the digest): a group they left or were removed from shows nothing of itself (see
 * ChatRepository.removeMember). Only a recorded departure hides a chat, so tasks of people the bot
 * never recorded as members stay where they were. The alias and the parameter marker are the
 * caller's own, never user input.
 */
export function stillInChat(taskAlias: string, userParameter: string): string {
  return (
    'NOT EXISTS (SELECT 1 FROM chat_members departed ' +
    `WHERE departed.chat_id = ${taskAlias}.chat_id AND departed.user_id = ${userParameter} ` +
    'AND departed.left_at IS NOT NULL)'
  );
}
