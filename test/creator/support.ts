import sharp from 'sharp';
import type { WorkerPaths } from '../../src/shared/jobs/protocol.js';
import type { JobContext } from '../../src/workers/context.js';

/** A job context as a worker hands one to a handler: the job's keys, its progress reported. */
export function jobContext(secrets: Record<string, string> = {}): JobContext & { reported: number[] } {
  const reported: number[] = [];
  return {
    jobId: `job-${Math.random().toString(36).slice(2)}`,
    attempt: 1,
    checkpoint: null,
    paths: {} as WorkerPaths,
    signal: new AbortController().signal,
    progress: (f) => void reported.push(f),
    saveCheckpoint: async () => undefined,
    notice: () => undefined,
    preview: () => undefined,
    secrets,
    reported,
  };
}

/** A flat-coloured PNG, so a test can tell which picture went where. */
export function swatch(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

export async function meanColour(bytes: Buffer | string): Promise<[number, number, number]> {
  const stats = await sharp(bytes).stats();
  return [0, 1, 2].map((i) => Math.round(stats.channels[i]!.mean)) as [number, number, number];
}

export function near(a: readonly number[], b: readonly number[], tolerance = 6): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tolerance);
}

/** Characters only Simplified writing uses (their Traditional forms differ), and the other way round. */
export const SIMPLIFIED_ONLY = [...'们这个时为说发会来对门见关车东话读让专从带当后乡图记变样实岚满晓寻护卫气灯钟云层务处边过还进远'];
export const TRADITIONAL_ONLY = [...'們這個時為說發會來對門見關車東話讀讓專從帶當後鄉圖記變樣實嵐滿曉尋護衛氣燈鐘雲層務處邊過還進遠'];
