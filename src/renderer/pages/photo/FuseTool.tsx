import { useState } from 'react';
import { api } from '../../api/index.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { PRESET_INFO } from '../../../shared/photo/presets.js';
import type { BackgroundChoice } from '../../../shared/photo/requests.js';
import type { ChoiceStatus } from '../../../shared/providers.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { BackgroundPicker } from './BackgroundPicker.js';
import { PHOTO_CHOICES, settledBackend } from './photoBackends.js';
import { MakeStep, PhotosStep, Step } from './ToolSteps.js';
import { RunPanel } from './RunPanel.js';
import { EarlierRuns } from './EarlierRuns.js';
import { usePhotoEstimate } from './usePhotoEstimate.js';
import { commonBlockers, usableIds, useToolRun } from './useToolRun.js';
import { StylePicker } from '../../components/StylePicker.js';

/** 時空拼圖: one photo of each person (1–5) on a background, four group portraits to choose one from. */
export function FuseTool({ statuses }: { statuses: ChoiceStatus[] | null }) {
  const t = useT();
  const uploads = usePhotoStore((s) => s.uploads);
  const presets = usePhotoStore((s) => s.presets);
  const freeLeft = usePhotoStore((s) => s.free?.left ?? null);
  const [ids, setIds] = useState<string[]>([]);
  const [background, setBackground] = useState<BackgroundChoice | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const tool = useToolRun();
  const [styleId, setStyleId] = useState<string | undefined>();
  const backend = settledBackend(picked, PHOTO_CHOICES, statuses);
  const people = usableIds(uploads, ids, 'fuse');
  const request =
    people.length > 0 && background
      ? { uploads: people, background, backend: backend.backend, via: backend.via, tier: tool.tier, consent: tool.consent, ...(styleId ? { styleId } : {}) }
      : null;
  const estimate = usePhotoEstimate(request ? { kind: 'fuse', request } : null);
  const blockers = commonBlockers(t, { tool: 'fuse', uploads, ids, consent: tool.consent, tier: tool.tier, backend, statuses, freeLeft });
  if (!background) blockers.push(t('photo.need.background'));
  const suggested = background && 'preset' in background ? PRESET_INFO[background.preset].motion : 'fireworks';

  return (
    <div className="photo-tool" data-testid="photo-fuse">
      <p className="photo-tool__intro">{t('photo.tab.fuse.body')}</p>
      <PhotosStep tool="fuse" title={t('photo.step.people')} max={PHOTO_LIMITS.maxPeople} ids={ids} setIds={setIds} consent={tool.consent} setConsent={tool.setConsent} />
      <Step id="photo-fuse-bg" title={t('photo.step.background')}>
        <BackgroundPicker id="photo-fuse-background" value={background} presets={presets} onChange={setBackground} />
      </Step>
      <StylePicker value={styleId} onChange={setStyleId} testId="photo-fuse-style" />
      <MakeStep
        tool="fuse"
        title={t('photo.step.backend')}
        backend={backend}
        choices={PHOTO_CHOICES}
        statuses={statuses}
        onPick={(c) => setPicked(c.value)}
        tier={tool.tier}
        setTier={tool.setTier}
        estimate={request ? estimate : null}
        blockers={blockers}
        busy={tool.busy}
        label={t('photo.run.fuse')}
        onRun={() => request && void tool.start(() => api().call('photo.fuse', request))}
      />
      {tool.runId ? <RunPanel key={tool.runId} runId={tool.runId} suggested={suggested} /> : null}
      <EarlierRuns kind="fuse" current={tool.runId} onOpen={tool.open} />
    </div>
  );
}
