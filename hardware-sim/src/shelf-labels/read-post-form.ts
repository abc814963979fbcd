import busboy from 'busboy';

/** One uploaded file part. */
export interface PostedFile {
  readonly field: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly bytes: Buffer;
}

/**
 * A POST body as the AP's web server sees it, in arrival order. ESPAsyncWebServer parses a multipart body
 * part by part and runs the upload handler while the file streams in, so `doImageUpload` can only see the
 * fields that came before the file (web.cpp:826 checks `mac` at the file's first chunk, web.cpp:882-907
 * read `mac`, `dither`, `contentmode` at its last): `before` holds those, `after` the rest.
 */
export interface PostedForm {
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
  readonly file?: PostedFile;
  /** Why the body could not be read to its end (truncated, bad boundary, unsupported type). */
  readonly malformed?: string;
}

/** Reads a urlencoded or multipart body with busboy. Never rejects: a broken body is `malformed`. */
export function readPostForm(contentType: string | undefined, body: Buffer): Promise<PostedForm> {
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  let file: PostedFile | undefined;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (malformed?: string) => {
      if (settled) return;
      settled = true;
      resolve({ before, after, ...(file ? { file } : {}), ...(malformed ? { malformed } : {}) });
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType ?? '' }, limits: { files: 1 } });
    } catch (e) {
      finish(e instanceof Error ? e.message : String(e));
      return;
    }
    let fileOpen = false;
    parser.on('field', (name, value) => {
      if (!file && !fileOpen) before.set(name, value);
      else after.set(name, value);
    });
    parser.on('file', (field, stream, info) => {
      fileOpen = true;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        file = {
          field,
          filename: info.filename ?? '',
          mimeType: info.mimeType,
          bytes: Buffer.concat(chunks),
        };
        fileOpen = false;
      });
    });
    parser.on('error', (e: unknown) => finish(e instanceof Error ? e.message : String(e)));
    parser.on('close', () => finish());
    parser.end(body);
  });
}
