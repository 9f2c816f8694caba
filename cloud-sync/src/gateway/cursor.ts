import { ApiError } from '../errors.js';

/**
 * Page cursors of the gateway's call lists (the credits history, Replicate's
 * prediction list): the last row's (created_at, id), opaque to clients.
 */
export const encodeCursor = (at: number, id: string): string => Buffer.from(JSON.stringify([at, id])).toString('base64url');

export function decodeCursor(c: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // falls through to the error below
  }
  throw new ApiError(400, 'VALIDATION_ERROR', 'cursor: not a cursor this endpoint gave out');
}
