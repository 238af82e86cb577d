/**
 * Streams a request body into a new file, never holding more than a chunk in memory, and stops
 * at `maxBytes` (the caller answers 413). The request is paused while the disk catches up.
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
  readonly bytesReceived: number;
  constructor(bytesReceived: number) {
    super(`The client closed the upload after ${bytesReceived} bytes.`);
    this.bytesReceived = bytesReceived;
  }
}

export function receiveToFile(req: IncomingMessage, path: string, maxBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    let ended = false;
    const detach = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onReqError);
      req.off('close', onReqClose);
    };
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      detach();
      // Wait for the file to be closed, so the caller can delete it at once.
      if (out.closed) reject(error);
      else {
        out.once('close', () => reject(error));
        out.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(new TooLargeError(`The upload is larger than ${maxBytes} bytes.`));
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    const onEnd = () => {
      ended = true;
      detach();
      out.end();
    };
    const onReqError = () => fail(new ClientGoneError(size));
    const onReqClose = () => {
      if (!ended) fail(new ClientGoneError(size));
    };
    out.once('error', (error) => fail(error));
    out.once('close', () => {
      if (settled) return;
      settled = true;
      resolve(size);
    });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onReqError);
    req.once('close', onReqClose);
  });
}
