import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { ApiError } from '../errors.js';
import type { RelayType } from './magic.js';
import { SNIFF_BYTES, matchesType } from './magic.js';

export interface Received {
  bytes: number;
  sha256: string;
}

/**
 * Streams an upload into `file`, never holding it whole: hashes it, counts it
 * against `maxBytes`, and checks its first bytes against the declared type as
 * soon as they are in. On a refusal it stops reading (the route answers with
 * `Connection: close`, so the rest is not read either) and rejects; the caller
 * removes `file`. The request is not destroyed, so the refusal still reaches
 * the client.
 */
export function receive(body: Readable, file: string, type: RelayType, maxBytes: number): Promise<Received> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const sink = createWriteStream(file, { flags: 'wx' });
    let head = Buffer.alloc(0);
    let bytes = 0;
    let settled = false;
    let ended = false;
    const checkHead = () => {
      if (!matchesType(type, head)) throw new ApiError(415, 'RELAY_TYPE_MISMATCH', `the file's first bytes are not ${type}; send it with its real type (JPEG, PNG, WebP, GIF, MP4, MOV or WebM)`);
    };
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.pause();
      // Rejected once the file is closed, so the caller's removal cannot race its creation.
      if (sink.closed) reject(err);
      else {
        sink.once('close', () => reject(err));
        sink.destroy();
      }
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) return fail(new ApiError(413, 'RELAY_FILE_TOO_LARGE', `the file is larger than the relay's limit of ${maxBytes} bytes`, { limit_bytes: maxBytes }));
      if (head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length >= SNIFF_BYTES) {
          try {
            checkHead();
          } catch (err) {
            return fail(err);
          }
        }
      }
      hash.update(chunk);
      if (!sink.write(chunk)) {
        body.pause();
        sink.once('drain', () => {
          if (!settled) body.resume();
        });
      }
    };
    body.on('data', onData);
    body.on('error', fail);
    sink.on('error', fail);
    body.on('close', () => {
      if (!ended) fail(new ApiError(400, 'BAD_REQUEST', 'the upload ended before the whole file arrived'));
    });
    body.on('end', () => {
      ended = true;
      if (settled) return;
      if (bytes === 0) return fail(new ApiError(400, 'BAD_REQUEST', 'the file is empty'));
      // Shorter than the sniffing window: decide on what there is.
      if (head.length < SNIFF_BYTES) {
        try {
          checkHead();
        } catch (err) {
          return fail(err);
        }
      }
      sink.end(() => {
        if (settled) return;
        settled = true;
        resolve({ bytes, sha256: hash.digest('hex') });
      });
    });
  });
}
