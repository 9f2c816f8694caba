import sharp from 'sharp';
import type { JobContext } from '../../src/workers/context.js';
import type { WorkerPaths } from '../../src/shared/jobs/protocol.js';
import { en } from '../../src/renderer/i18n/locales/en.js';
import { zhCN } from '../../src/renderer/i18n/locales/zh-CN.js';
import { zhTW } from '../../src/renderer/i18n/locales/zh-TW.js';
import type { ErrorInfo } from '../../src/shared/errors.js';

/** A job context for the online photo calls: the keys a job would get from the keychain, and the progress it reports. */
export function photoContext(secrets: Record<string, string>, signal: AbortSignal = new AbortController().signal): JobContext & { reported: number[] } {
  const reported: number[] = [];
  return {
    jobId: `job-${Math.random().toString(36).slice(2)}`,
    attempt: 1,
    checkpoint: null,
    paths: {} as WorkerPaths,
    signal,
    progress: (f) => void reported.push(f),
    saveCheckpoint: async () => undefined,
    notice: () => undefined,
    preview: () => undefined,
    secrets,
    reported,
  };
}

/** A flat-coloured PNG: each person and the background gets its own colour, so a test can tell which image went where. */
export function swatch(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } }).png().toBuffer();
}

/** The mean colour of an image (decoded), to check what a request or an answer carried. */
export async function meanColour(bytes: Buffer | string): Promise<[number, number, number]> {
  const stats = await sharp(bytes).stats();
  return [0, 1, 2].map((i) => Math.round(stats.channels[i]!.mean)) as [number, number, number];
}

export function near(a: readonly number[], b: readonly number[], tolerance = 6): boolean {
  return a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= tolerance);
}

/** An error's text as each language's catalogue says it, parameters filled. */
export function said(info: ErrorInfo): Record<'en' | 'zh-TW' | 'zh-CN', string> {
  const fill = (text: string | undefined): string => (text ?? `MISSING msg.${info.key}`).replace(/\{(\w+)\}/g, (_, k: string) => String(info.params?.[k] ?? `{${k}}`));
  const key = `msg.${info.key}` as keyof typeof en;
  return { en: fill(en[key]), 'zh-TW': fill(zhTW[key]), 'zh-CN': fill(zhCN[key]) };
}
