import { useState } from 'react';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import type { ChoiceStatus } from '../../../shared/providers.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { BackendPicker } from './BackendPicker.js';
import { REPAIR_CHOICES, settledBackend } from './photoBackends.js';
import { ConsentBox, RunFooter } from './RunFooter.js';
import { RunPanel } from './RunPanel.js';
import { TierPicker } from './TierPicker.js';
import { UploadPanel } from './UploadPanel.js';
import { usePhotoEstimate } from './usePhotoEstimate.js';
import { commonBlockers, usableIds, useToolRun } from './useToolRun.js';

/** 老照片修復: scratches and noise cleaned up and faces restored (Replicate or the user's ComfyUI), shown before/after. */
export function RepairTool({ statuses }: { statuses: ChoiceStatus[] | null }) {
  const t = useT();
  const uploads = usePhotoStore((s) => s.uploads);
  const freeLeft = usePhotoStore((s) => s.free?.left ?? null);
  const [ids, setIds] = useState<string[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const tool = useToolRun();
  const backend = settledBackend(picked, REPAIR_CHOICES, statuses);
  const photo = usableIds(uploads, ids, 'repair')[0];
  const request = photo ? { upload: photo, backend: backend.backend, via: backend.via, tier: tool.tier, consent: tool.consent } : null;
  const estimate = usePhotoEstimate(request ? { kind: 'repair', request } : null);
  const blockers = commonBlockers(t, { tool: 'repair', uploads, ids, consent: tool.consent, tier: tool.tier, backend, statuses, freeLeft });

  return (
    <div className="photo-tool" data-testid="photo-repair">
      <p className="photo-tool__intro">{t('photo.tab.repair.body')}</p>
      <section className="card photo-step" aria-labelledby="photo-repair-photo">
        <h2 className="photo-step__title" id="photo-repair-photo">
          {t('photo.step.photo')}
        </h2>
        <UploadPanel testId="photo-repair-upload" tool="repair" max={1} ids={ids} consent={tool.consent} onAdded={(id) => setIds([id])} onRemoved={(id) => setIds((list) => list.filter((x) => x !== id))} />
        <ConsentBox id="photo-repair-consent" checked={tool.consent} onChange={tool.setConsent} />
        <p className="field__hint">{t('photo.privacy', { hours: PHOTO_LIMITS.originalsRetentionHours })}</p>
      </section>
      <section className="card photo-step" aria-labelledby="photo-repair-make">
        <h2 className="photo-step__title" id="photo-repair-make">
          {t('photo.step.repairBackend')}
        </h2>
        <BackendPicker id="photo-repair-backend" value={backend} choices={REPAIR_CHOICES} statuses={statuses} onChange={(c) => setPicked(c.value)} />
        <TierPicker id="photo-repair-tier" value={tool.tier} onChange={tool.setTier} single />
        <RunFooter id="photo-repair" estimate={request ? estimate : null} blockers={blockers} busy={tool.busy} label={t('photo.run.repair')} onRun={() => request && void tool.start(() => api().call('photo.repair', request))} />
      </section>
      {tool.runId ? <RunPanel runId={tool.runId} suggested="fireworks" /> : null}
    </div>
  );
}
