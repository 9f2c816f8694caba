import { z } from 'zod';
import type { CallSpec } from './contract.js';
import type { AssetView, RetentionClass } from '../library.js';

/** The calls of data lifecycle (issue 17): stars, what the next cleanup removes, disk usage, the cleanup runs. */
function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

const id = z.string().min(1).max(100);

/** 'retention': expired media, daily at 04:00 local time; 'temp': intermediate files, every 6 hours. */
export const CLEANUP_TASKS = ['retention', 'temp'] as const;
export type CleanupTask = (typeof CLEANUP_TASKS)[number];

export interface PlannedRemoval {
  asset: AssetView;
  /** When it expired (or will have): its creation plus its class's retention. */
  expiresAt: number;
  /** The run that removes it (unless it is starred before then). */
  removeAt: number;
}

/** What the next run of one cleanup will remove. */
export interface CleanupPlan {
  task: CleanupTask;
  /** When it runs: its next slot, or now when a slot was missed while the studio was off. */
  at: number;
  items: PlannedRemoval[];
  /** Library items' bytes. */
  bytes: number;
  /** Temp cleanup only: files in the temp and staging folders it will remove, and their bytes. */
  tempFiles: number;
  tempBytes: number;
}

export interface CleanupPreview {
  retention: CleanupPlan;
  temp: CleanupPlan;
}

export interface UsageLine {
  count: number;
  bytes: number;
}

export interface DiskUsage {
  /** Library items by retention class; 'kept' is the class-less ones (never cleaned). */
  byClass: Record<RetentionClass | 'kept', UsageLine>;
  /** Starred items, across classes (already counted in byClass). */
  starred: UsageLine;
  /** Files in the temp and staging folders. */
  tempFolders: UsageLine;
  /** Library items plus temp folders. */
  totalBytes: number;
  /** The disk the data folder is on (fs.statfs): free for this user, and its size; null where it cannot be read. */
  disk: { freeBytes: number; sizeBytes: number } | null;
}

export interface CleanupRunView {
  id: string;
  task: CleanupTask;
  dueAt: number;
  startedAt: number;
  finishedAt: number | null;
  deletedCount: number;
  bytesFreed: number;
  error: string | null;
}

export const lifecycleCalls = {
  /** Star (keep) or unstar a library item: a starred item is never cleaned up. */
  'library.star': call<AssetView>()(z.object({ id, starred: z.boolean() }).strict()),
  'lifecycle.preview': call<CleanupPreview>()(z.object({}).strict()),
  'lifecycle.diskUsage': call<DiskUsage>()(z.object({}).strict()),
  'lifecycle.runs': call<CleanupRunView[]>()(z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict()),
};

export type LifecycleCallName = keyof typeof lifecycleCalls;
