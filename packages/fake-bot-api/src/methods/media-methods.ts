import { badRequest } from '../bot-api-error';
import { imageSize } from '../files/file-facts';
import type { FileKind } from '../files/file-ids';
import type { FileMedia } from '../files/file-store';
import { UploadedFile } from '../files/uploaded-file';
import { Params } from '../params';
import type { Message } from '../types';
import { mediaCaption } from './message-content';
import { appendFromBot, writableChatId } from './message-methods';
import type { MethodContext, MethodHandler } from './method-context';

// Telegram takes a photo of up to 10 MB and any other file of up to 50 MB from a bot.
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const ATTACH = 'attach://';
const MEDIA_GROUP_SIZE = { min: 2, max: 10 };
const WRONG_FILE = 'wrong file identifier/HTTP URL specified';

function uploaded(context: MethodContext, kind: FileKind, file: UploadedFile): FileMedia {
  if (file.bytes.length === 0) throw badRequest('file must be non-empty');
  if (file.bytes.length > (kind === 'photo' ? MAX_PHOTO_BYTES : MAX_FILE_BYTES)) {
    throw badRequest('file is too big');
  }
  if (kind === 'photo' && !imageSize(file.bytes)) throw badRequest('IMAGE_PROCESS_FAILED');
  const media = context.files.upload(kind, file.bytes, {
    fileName: file.fileName,
    contentType: file.contentType,
    duration: context.params.optionalInt('duration'),
  });
  return media;
}

/**
 * The file a call sends as `kind`: a file_id the fake knows, an upload in the request, or
 * `attach://<part>` naming one. Anything else (an unknown id, a URL the fake cannot fetch) is
 * refused as Telegram refuses an id it does not know.
 */
function fileToSend(context: MethodContext, kind: FileKind, value: unknown): FileMedia {
  if (value instanceof UploadedFile) return uploaded(context, kind, value);
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest(`there is no ${kind} in the request`);
  if (value.startsWith(ATTACH)) {
    const part = context.params.raw[value.slice(ATTACH.length)];
    if (!(part instanceof UploadedFile)) throw badRequest(`can't find attached file "${value}"`);
    return uploaded(context, kind, part);
  }
  const known = context.files.find(value.trim());
  if (!known) throw badRequest(WRONG_FILE);
  if (known.kind !== kind) throw badRequest('type of file mismatch');
  return known.media;
}

const sendFile =
  (kind: FileKind): MethodHandler =>
  (context) => {
    const chatId = writableChatId(context);
    const caption = mediaCaption(context.params);
    const media = fileToSend(context, kind, context.params.raw[kind]);
    return appendFromBot(context, chatId, { [kind]: media, ...caption });
  };

const GROUP_KINDS: Record<string, FileKind> = { photo: 'photo', video: 'video', document: 'document' };

/** An album: 2 to 10 photos and videos, or documents, each a message of one media_group_id. */
const sendMediaGroup: MethodHandler = (context) => {
  const chatId = writableChatId(context);
  const items = context.params.optionalJson('media', "can't parse InputMedia JSON object");
  if (!Array.isArray(items)) throw badRequest('parameter "media" is required');
  if (items.length < MEDIA_GROUP_SIZE.min || items.length > MEDIA_GROUP_SIZE.max) {
    throw badRequest('wrong number of media specified: an album has 2 to 10 of them');
  }
  const kinds = items.map((item: unknown) => {
    const kind = GROUP_KINDS[String((item as Record<string, unknown> | null)?.type)];
    if (!kind) throw badRequest("can't parse InputMedia: unsupported media type");
    return kind;
  });
  if (kinds.includes('document') && kinds.some((kind) => kind !== 'document')) {
    throw badRequest('document can be grouped only with documents');
  }
  const groupId = String(Date.now() * 1000 + Math.floor(Math.random() * 1000));
  const prepared = items.map((item: Record<string, unknown>, index) => {
    const kind = kinds[index] as FileKind;
    const media = fileToSend(context, kind, item.media);
    const caption = mediaCaption(new Params(item));
    return { [kind]: media, ...caption, media_group_id: groupId };
  });
  return prepared.map((content): Message => appendFromBot(context, chatId, content));
};

const getFile: MethodHandler = ({ params, files }) => {
  const fileId = params.optionalString('file_id');
  const info = fileId === undefined ? undefined : files.info(fileId.trim());
  if (!info) throw badRequest('invalid file_id');
  return info;
};

export const mediaMethods: Record<string, MethodHandler> = {
  sendPhoto: sendFile('photo'),
  sendDocument: sendFile('document'),
  sendVoice: sendFile('voice'),
  sendVideo: sendFile('video'),
  sendMediaGroup,
  getFile,
};
