import { create } from 'zustand';
import type { JobView } from '../../shared/jobs/model.js';
import { mediaKindForExtension } from '../../shared/library.js';
import { api, errorInfoOf } from '../api/index.js';
import { t } from '../i18n/index.js';
import { importedName, jobTitle } from '../lib/jobText.js';
import { toastError, toastInfo, toastSuccess } from './toastStore.js';
import { isRenderOnScreen } from './videoStore.js';

/** Jobs already announced (id:status:finishedAt) and jobs known to be finished. */
const announced = new Set<string>();
const finishedJobs = new Set<string>();

interface ImportState {
  /** Files being uploaded or handed to main right now. */
  uploading: number;
  importFiles(files: File[]): Promise<void>;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : '';
}

async function stageAndImport(file: File): Promise<void> {
  try {
    const path = await api().stageFile(file);
    const [outcome] = await api().call('library.import', { paths: [path] });
    if (!outcome) return;
    if (outcome.status === 'added') {
      // The probe can finish before this answer arrives; then its own toast has said it all.
      if (!(outcome.jobId && finishedJobs.has(outcome.jobId))) toastInfo(t('import.added', { name: file.name }));
    }
    else if (outcome.status === 'duplicate') toastInfo(t('import.duplicate', { name: file.name }));
    else {
      toastError(outcome.error ?? { code: 'INVALID_MEDIA', message: '' }, t('import.rejected', { name: file.name }));
    }
  } catch (err) {
    toastError(errorInfoOf(err), t('import.rejected', { name: file.name }));
  }
}

export const useImportStore = create<ImportState>((set, get) => ({
  uploading: 0,
  async importFiles(files) {
    const accepted: File[] = [];
    for (const file of files) {
      if (mediaKindForExtension(extensionOf(file.name))) accepted.push(file);
      else toastError({ code: 'UNSUPPORTED_TYPE', message: t('import.unsupported', { name: file.name }) });
    }
    if (accepted.length === 0) return;
    set({ uploading: get().uploading + accepted.length });
    // One at a time: uploads share one loopback link, and main probes them in its queue anyway.
    for (const file of accepted) {
      try {
        await stageAndImport(file);
      } finally {
        set({ uploading: get().uploading - 1 });
      }
    }
  },
}));


/** Tells the user when a background import (or any job) ends. */
export function announceFinishedJob(job: JobView): void {
  if (job.status !== 'succeeded' && job.status !== 'failed') return;
  finishedJobs.add(job.id);
  const key = `${job.id}:${job.status}:${job.finishedAt ?? ''}`;
  if (announced.has(key)) return;
  announced.add(key);
  const name = importedName(job);
  if (job.status === 'succeeded') {
    if (name) toastSuccess(t('import.done', { name }));
    return;
  }
  // The Video page shows its render's failure in place.
  if (isRenderOnScreen(job)) return;
  const error = job.error ?? { code: 'INTERNAL' as const, message: '' };
  toastError(error, name ? t('import.failed', { name }) : t('job.failed', { title: jobTitle(job, t) }));
}
