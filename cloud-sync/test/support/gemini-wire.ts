import type http from 'node:http';
import { findModel, type CatalogModel } from '../../../src/shared/models.js';
import { sendJson } from '../../../test/providers/fake-server.js';

/** Gemini wire-format answers for the loopback fake, and small helpers of the gateway's Gemini tests. */

export const model = (id: string): CatalogModel => findModel('gemini', id)!;
export const FLASH = 'gemini-3.5-flash';
export const PRO = 'gemini-3.1-pro-preview';
export const VEO_FAST = 'veo-3.1-fast-generate-preview';
export const usage = { promptTokenCount: 1_200, candidatesTokenCount: 3_000, thoughtsTokenCount: 1_000, totalTokenCount: 5_200 };

export function answer(text: string, finishReason = 'STOP', usageMetadata: object | undefined = usage): object {
  return { candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason, index: 0 }], ...(usageMetadata ? { usageMetadata } : {}), modelVersion: 'x', responseId: 'r' };
}
export function sse(res: http.ServerResponse, events: object[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\r\n\r\n`);
  res.end();
}
export function geminiError(res: http.ServerResponse, code: number, status: string, message: string): void {
  sendJson(res, code, { error: { code, message, status } });
}
export async function rejected(p: Promise<unknown>): Promise<{ status?: number; message: string }> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as { status?: number; message: string },
  );
}
export const PCM_RATE = 24_000;
export const pcm = (seconds: number) => Buffer.alloc(Math.round(seconds * PCM_RATE) * 2).toString('base64');
