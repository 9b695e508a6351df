import { randomBytes } from 'node:crypto';

/** The kinds of file the fake models. */
export type FileKind = 'photo' | 'document' | 'voice' | 'video';

// Telegram's file ids are opaque base64url strings whose first bytes tell the file's type; a
// file_unique_id is shorter and the same for one file however it is sent, by any bot.
const ID_PREFIX: Record<FileKind, string> = { photo: 'AgAC', document: 'BQAC', voice: 'AwAC', video: 'BAAC' };

export interface FileIds {
  file_id: string;
  file_unique_id: string;
}

/** Fresh, never repeated ids for a new file of this kind. */
export function newFileIds(kind: FileKind): FileIds {
  return {
    file_id: `${ID_PREFIX[kind]}${randomBytes(30).toString('base64url')}`,
    file_unique_id: `AgAD${randomBytes(9).toString('base64url')}`,
  };
}
