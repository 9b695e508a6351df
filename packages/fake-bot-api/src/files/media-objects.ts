import type { Document, PhotoSize, Video, Voice } from '../types';
import { mimeTypeOf } from './file-facts';
import { type FileKind, newFileIds } from './file-ids';

/** What a message carries for a file: all sizes of a photo, or the one object of the other kinds. */
export type FileMedia = PhotoSize[] | Document | Voice | Video;

// Photo sizes Telegram makes from an image: each side limit below the image's longer side, then
// the image itself.
const PHOTO_LIMITS = [90, 320, 800];
const DEFAULT_PHOTO = { width: 1280, height: 960 };
const DEFAULT_VIDEO = { width: 1280, height: 720 };

/** The sizes of a photo of `width` x `height` whose full size has `fileSize` bytes, smallest first. */
export function photoSizes(width: number, height: number, fileSize: number): PhotoSize[] {
  const longer = Math.max(width, height, 1);
  const scales = [...PHOTO_LIMITS.filter((limit) => limit < longer).map((limit) => limit / longer), 1];
  return scales.map((scale) => ({
    ...newFileIds('photo'),
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    file_size: Math.max(1, Math.round(fileSize * scale * scale)),
  }));
}

/** What is known of a file besides its ids; what is not given gets a usual value. */
export interface FileDetails {
  fileName?: string;
  /** The type the sender named; Telegram prefers the one the file's name tells. */
  mimeType?: string;
  fileSize?: number;
  /** Seconds, for voice and video. */
  duration?: number;
  width?: number;
  height?: number;
}

const DEFAULT_NAMES: Record<Exclude<FileKind, 'photo'>, string> = {
  document: 'document.pdf',
  voice: 'voice.ogg',
  video: 'video.mp4',
};

/** A new file of this kind as a message carries it, with fresh ids. */
export function mediaObject(kind: FileKind, details: FileDetails = {}): FileMedia {
  const fileSize = details.fileSize ?? 24_576;
  if (kind === 'photo') {
    return photoSizes(details.width ?? DEFAULT_PHOTO.width, details.height ?? DEFAULT_PHOTO.height, fileSize);
  }
  const fileName = details.fileName ?? DEFAULT_NAMES[kind];
  const common = {
    ...newFileIds(kind),
    file_size: fileSize,
    mime_type: mimeTypeOf(fileName, details.mimeType),
  };
  const duration = details.duration ?? 3;
  if (kind === 'document') return { ...common, file_name: fileName };
  if (kind === 'voice') return { ...common, duration };
  const { width = DEFAULT_VIDEO.width, height = DEFAULT_VIDEO.height } = details;
  return { ...common, width, height, duration, file_name: fileName };
}
