/**
 * A file sent in a multipart/form-data request, as the request's payload carries it. A recorded
 * call keeps it, so a test can read what was uploaded; it serializes (the control API, logs) as
 * its name, type and size, without the bytes.
 */
export class UploadedFile {
  constructor(
    /** The part's filename, as the client named it. */
    readonly fileName: string,
    /** The part's content type; empty when the client sent none. */
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}

  toJSON(): Record<string, unknown> {
    return { file_name: this.fileName, content_type: this.contentType, file_size: this.bytes.length };
  }
}
