import { Transform, type TransformCallback } from 'node:stream';

/** Raised inside the stream pipeline when a body grows past its limit; readers turn it into `import-too-large`. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`import body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLarge';
  }
}

/**
 * Counts bytes as they stream and fails the pipeline once `limitBytes` is passed, so a streamed body is
 * bounded even when the client sends no (or a false) Content-Length.
 */
export function byteLimit(limitBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limitBytes) callback(new BodyTooLarge(limitBytes));
      else callback(null, chunk);
    },
  });
}
