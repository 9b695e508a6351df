import { imageSize, mimeTypeOf } from '@taskbot/fake-bot-api/files/file-facts';
import type { FileKind } from '@taskbot/fake-bot-api/files/file-ids';

// Telegram's apps send a picture as a photo, a recorded voice note as voice and a clip as a video;
// the page has one file picker, so the file's type decides, as the apps' defaults would.
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** How a file sent from the page travels: as a photo, voice message, video or document. */
export function kindOfUpload(fileName: string, mimeType: string, bytes: Buffer): FileKind {
  const type = mimeTypeOf(fileName, mimeType);
  if (PHOTO_TYPES.has(type) && imageSize(bytes)) return 'photo';
  if (type === 'audio/ogg') return 'voice';
  if (type === 'video/mp4') return 'video';
  return 'document';
}
