import { useState } from 'react';
import type { PhotoRunView } from '../../../shared/api/photo-contract.js';
import type { PhotoTier } from '../../../shared/photo/requests.js';
import { errorInfoOf } from '../../api/index.js';
import type { Translate } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { toastError } from '../../stores/toastStore.js';
import { isUsable, type BackendChoice } from './photoBackends.js';
import { isUsableFor, type PhotoTool } from './toolRules.js';
import type { ChoiceStatus } from '../../../shared/providers.js';

/** What a tool keeps while the page is open: consent, tier, the run it shows (started last, or opened from its earlier runs). */
export function useToolRun() {
  const [consent, setConsent] = useState(false);
  const [tier, setTier] = useState<PhotoTier>('paid');
  const [runId, setRunId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const runReceived = usePhotoStore((s) => s.runReceived);
  const running = usePhotoStore((s) => {
    const r = runId ? s.runs[runId] : undefined;
    return r?.status === 'queued' || r?.status === 'running';
  });

  async function start(call: () => Promise<PhotoRunView>) {
    setStarting(true);
    try {
      const run = await call();
      runReceived(run);
      setRunId(run.id);
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setStarting(false);
    }
  }

  return { consent, setConsent, tier, setTier, runId, busy: starting || running, start, open: setRunId };
}

/** What stops a run, in words: missing or unchecked photos, no consent, an unusable backend, no free photo left today. */
export function commonBlockers(
  t: Translate,
  input: { tool: PhotoTool; uploads: ReturnType<typeof usePhotoStore.getState>['uploads']; ids: string[]; consent: boolean; tier: PhotoTier; backend: BackendChoice; statuses: ChoiceStatus[] | null; freeLeft: number | null },
): string[] {
  const out: string[] = [];
  const held = input.ids.flatMap((id) => (input.uploads[id] && input.uploads[id].status !== 'deleted' ? [input.uploads[id]] : []));
  if (held.length === 0) out.push(t(input.tool === 'fuse' ? 'photo.need.people' : 'photo.need.photo'));
  else if (!held.every((u) => isUsableFor(u, input.tool))) out.push(t('photo.upload.needOk'));
  if (!input.consent) out.push(t('photo.consent.needed'));
  if (!isUsable(input.backend, input.statuses)) out.push(t('photo.need.backend'));
  if (input.tier === 'free' && input.freeLeft === 0) out.push(t('photo.free.none'));
  return out;
}

/** The tool's photos that can go into a run, in upload order. */
export function usableIds(uploads: ReturnType<typeof usePhotoStore.getState>['uploads'], ids: string[], tool: PhotoTool): string[] {
  return ids.filter((id) => uploads[id] && isUsableFor(uploads[id], tool));
}
