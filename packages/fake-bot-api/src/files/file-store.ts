import type { Document, Message } from '../types';
import { imageSize, mimeTypeOf } from './file-facts';
import type { FileKind } from './file-ids';
import { type FileMedia, mediaObject } from './media-objects';

export type { FileMedia } from './media-objects';

/** An uploaded file's content, as a test reads it back. */
export interface FileContent {
  file_name?: string;
  mime_type?: string;
  bytes: Buffer;
}

/** What getFile answers. */
export interface FileInfo {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path: string;
}

interface KnownFile {
  kind: FileKind;
  media: FileMedia;
  info: FileInfo;
  content?: FileContent;
}

/** What an upload is, besides its bytes: the caller's duration for voice and video. */
export interface UploadDetails {
  fileName: string;
  contentType: string;
  duration?: number;
}

const FOLDERS: Record<FileKind, string> = {
  photo: 'photos',
  document: 'documents',
  voice: 'voice',
  video: 'videos',
};

/** The files of a message: one entry per file id (each size of a photo is a file of its own). */
function filesOf(message: Partial<Record<FileKind, unknown>>): Array<{ kind: FileKind; media: FileMedia }> {
  if ('photo' in message && Array.isArray(message.photo)) return [{ kind: 'photo', media: message.photo }];
  for (const kind of ['document', 'voice', 'video'] as const) {
    const media = message[kind];
    if (typeof media === 'object' && media !== null) return [{ kind, media: media as FileMedia }];
  }
  return [];
}

/**
 * The files the fake knows, as Telegram knows every file a bot received or sent: by file_id, with
 * what a message carries for it and, for uploads, the bytes. Sending by an unknown file_id fails
 * as on Telegram.
 */
export class FileStore {
  private readonly files = new Map<string, KnownFile>();
  private lastPath = 0;

  /** Learns the files of a message that came in (and of the message it replies to). */
  learn(message: Message): void {
    const withReply = [message, message.reply_to_message].filter((m) => m !== undefined);
    for (const each of withReply) {
      for (const { kind, media } of filesOf(each as Partial<Record<FileKind, unknown>>))
        this.keep(kind, media);
    }
  }

  /** Stores an upload as Telegram would: new ids, a photo in several sizes. Answers what a message carries. */
  upload(kind: FileKind, bytes: Buffer, details: UploadDetails): FileMedia {
    const media = mediaObject(kind, {
      fileName: details.fileName,
      mimeType: details.contentType,
      fileSize: bytes.length,
      duration: details.duration ?? 0,
      ...(kind === 'photo' ? imageSize(bytes) : {}),
    });
    const content: FileContent = {
      file_name: details.fileName,
      mime_type: mimeTypeOf(details.fileName, details.contentType),
      bytes: Buffer.from(bytes),
    };
    this.keep(kind, media, content);
    return structuredClone(media);
  }

  /** The file with this id, or undefined when the fake never saw it. */
  find(fileId: string): { kind: FileKind; media: FileMedia } | undefined {
    const file = this.files.get(fileId);
    return file && { kind: file.kind, media: structuredClone(file.media) };
  }

  info(fileId: string): FileInfo | undefined {
    const file = this.files.get(fileId);
    return file && { ...file.info };
  }

  /** An uploaded file's name, type and bytes; undefined for unknown files and files that came in. */
  content(fileId: string): FileContent | undefined {
    const content = this.files.get(fileId)?.content;
    return content && { ...content, bytes: Buffer.from(content.bytes) };
  }

  /** The content at a getFile path, as the file download URL serves it. */
  contentAt(filePath: string): FileContent | undefined {
    for (const [fileId, file] of this.files)
      if (file.info.file_path === filePath) return this.content(fileId);
    return undefined;
  }

  reset(): void {
    this.files.clear();
  }

  private keep(kind: FileKind, media: FileMedia, content?: FileContent): void {
    const objects = Array.isArray(media) ? media : [media];
    for (const object of objects) {
      if (this.files.has(object.file_id)) continue;
      this.lastPath += 1;
      const extension = (object as Document).file_name?.split('.').pop();
      const info: FileInfo = {
        file_id: object.file_id,
        file_unique_id: object.file_unique_id,
        ...(object.file_size !== undefined ? { file_size: object.file_size } : {}),
        file_path: `${FOLDERS[kind]}/file_${this.lastPath}${extension ? `.${extension}` : ''}`,
      };
      this.files.set(object.file_id, {
        kind,
        media: structuredClone(media),
        info,
        ...(content ? { content } : {}),
      });
    }
  }
}
