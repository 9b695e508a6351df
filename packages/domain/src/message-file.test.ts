import { fileOfMessage } from './message-file';

describe('the file of a message', () => {
  it('takes the largest size of a photo, whatever the order of the sizes', () => {
    const photo = [
      { file_id: 'mid', file_unique_id: 'u2', width: 320, height: 240, file_size: 900 },
      { file_id: 'big', file_unique_id: 'u3', width: 1280, height: 960, file_size: 9000 },
      { file_id: 'small', file_unique_id: 'u1', width: 90, height: 68, file_size: 100 },
    ];
    expect(fileOfMessage({ photo, caption: '/add Fix it' })).toEqual({
      kind: 'photo',
      fileId: 'big',
      fileUniqueId: 'u3',
      fileName: null,
      mimeType: null,
      fileSize: 9000,
    });
  });

  it('reads a document with its name and type, a voice message and a video', () => {
    const document = {
      file_id: 'd',
      file_unique_id: 'du',
      file_name: 'report.pdf',
      mime_type: 'application/pdf',
    };
    expect(fileOfMessage({ document })).toMatchObject({ kind: 'document', fileName: 'report.pdf' });
    expect(fileOfMessage({ voice: { file_id: 'v', file_unique_id: 'vu', duration: 3 } })?.kind).toBe('voice');
    expect(fileOfMessage({ video: { file_id: 'x', file_unique_id: 'xu', file_size: 5 } })).toMatchObject({
      kind: 'video',
      fileSize: 5,
    });
  });

  it('finds nothing in a text message, a sticker or a file without its ids', () => {
    expect(fileOfMessage({ text: 'hi' })).toBeUndefined();
    expect(fileOfMessage({ sticker: { file_id: 's', file_unique_id: 'su' } })).toBeUndefined();
    expect(fileOfMessage({ document: { file_id: 'd' } })).toBeUndefined();
    expect(fileOfMessage({ document: { file_id: 'd'.repeat(256), file_unique_id: 'u' } })).toBeUndefined();
    expect(fileOfMessage({ voice: { file_id: 'v', file_unique_id: 'u'.repeat(65) } })).toBeUndefined();
    expect(fileOfMessage({ photo: [] })).toBeUndefined();
    expect(fileOfMessage(null)).toBeUndefined();
  });
});
