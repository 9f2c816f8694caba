import { useState } from 'react';
import type { ChoiceStatus } from '../../../shared/providers.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { REPAIR_CHOICES, settledBackend } from './photoBackends.js';
import { MakeStep, PhotosStep } from './ToolSteps.js';
import { RunPanel } from './RunPanel.js';
import { EarlierRuns } from './EarlierRuns.js';
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
      <PhotosStep tool="repair" title={t('photo.step.photo')} max={1} ids={ids} setIds={setIds} consent={tool.consent} setConsent={tool.setConsent} />
      <MakeStep
        tool="repair"
        title={t('photo.step.repairBackend')}
        backend={backend}
        choices={REPAIR_CHOICES}
        statuses={statuses}
        onPick={(c) => setPicked(c.value)}
        tier={tool.tier}
        setTier={tool.setTier}
        single
        estimate={request ? estimate : null}
        blockers={blockers}
        busy={tool.busy}
        label={t('photo.run.repair')}
        onRun={() => request && void tool.start(() => api().call('photo.repair', request))}
      />
      {tool.runId ? <RunPanel key={tool.runId} runId={tool.runId} suggested="fireworks" /> : null}
      <EarlierRuns kind="repair" current={tool.runId} onOpen={tool.open} />
    </div>
  );
}
