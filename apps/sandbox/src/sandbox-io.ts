import type { BotCommand, Message } from '@taskbot/fake-bot-api/types';
import type { Language, SandboxChat, SandboxUser } from './world';

// What the sandbox takes from the page and gives it: the events and the snapshot it shows, the
// files people send, and the refusal of what cannot be done.

/** A message as the page shows it: force_reply is kept here, since a Message does not carry it. */
export type ShownMessage = Message & { force_reply?: true };

export type SandboxEvent =
  | { type: 'message'; chatId: number; message: ShownMessage }
  | { type: 'deleted'; chatId: number; messageId: number }
  | { type: 'answer'; queryId: string; userId: number; text: string; showAlert: boolean }
  | { type: 'typing'; chatId: number }
  | { type: 'users'; users: SandboxUser[] }
  | { type: 'commands'; commands: Record<Language, BotCommand[]> };

export interface Snapshot {
  bot: { id: number; first_name: string; username: string };
  users: SandboxUser[];
  chats: SandboxChat[];
  messages: Record<string, ShownMessage[]>;
  commands: Record<Language, BotCommand[]>;
}

/** Something a person asked for that cannot be done; `status` is the HTTP status to answer with. */
export class SandboxInputError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxInputError';
  }
}

export const MAX_TEXT_LENGTH = 4096;
export const MAX_CAPTION_LENGTH = 1024;

/** A file a person sends from the page. */
export interface SandboxFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  caption?: string;
}
