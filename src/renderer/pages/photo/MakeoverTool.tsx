import { useState } from 'react';
import { PRESET_INFO } from '../../../shared/photo/presets.js';
import { COSTUMES, isLocalPhotoBackend, type BackgroundChoice, type Costume } from '../../../shared/photo/requests.js';
import type { ChoiceStatus } from '../../../shared/providers.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { Field } from '../generate/fields.js';
import { BackgroundPicker } from './BackgroundPicker.js';
import { PHOTO_CHOICES, settledBackend } from './photoBackends.js';
import { MakeStep, PhotosStep, Step } from './ToolSteps.js';
import { RunPanel } from './RunPanel.js';
import { EarlierRuns } from './EarlierRuns.js';
import { usePhotoEstimate } from './usePhotoEstimate.js';
import { commonBlockers, usableIds, useToolRun } from './useToolRun.js';
import { StylePicker } from '../../components/StylePicker.js';

const COSTUME_KEYS = { tangzhuang: 'photo.costume.tangzhuang', qipao: 'photo.costume.qipao', hanfu: 'photo.costume.hanfu', formal: 'photo.costume.formal' } as const;

/** 富貴變身: a family photo on a new background, optionally in new clothes (an image-editing model; paid). */
export function MakeoverTool({ statuses }: { statuses: ChoiceStatus[] | null }) {
  const t = useT();
  const uploads = usePhotoStore((s) => s.uploads);
  const presets = usePhotoStore((s) => s.presets);
  const freeLeft = usePhotoStore((s) => s.free?.left ?? null);
  const [ids, setIds] = useState<string[]>([]);
  const [background, setBackground] = useState<BackgroundChoice | null>(null);
  const [costume, setCostume] = useState<Costume | ''>('');
  const [picked, setPicked] = useState<string | null>(null);
  const tool = useToolRun();
  const backend = settledBackend(picked, PHOTO_CHOICES, statuses);
  // Why there is no costume change, when there is none: the offline and local backends do not edit clothes; the free tier does not include it.
  const costumeOff = isLocalPhotoBackend(backend.backend) ? t('photo.costume.offline') : tool.tier === 'free' ? t('photo.costume.free') : null;
  const photo = usableIds(uploads, ids, 'makeover')[0];
  const [styleId, setStyleId] = useState<string | undefined>();
  const request =
    photo && background
      ? { upload: photo, background, backend: backend.backend, via: backend.via, tier: tool.tier, consent: tool.consent, ...(costume && !costumeOff ? { costume } : {}), ...(styleId ? { styleId } : {}) }
      : null;
  const estimate = usePhotoEstimate(request ? { kind: 'makeover', request } : null);
  const blockers = commonBlockers(t, { tool: 'makeover', uploads, ids, consent: tool.consent, tier: tool.tier, backend, statuses, freeLeft });
  if (!background) blockers.push(t('photo.need.background'));
  const suggested = background && 'preset' in background ? PRESET_INFO[background.preset].motion : 'fireworks';

  return (
    <div className="photo-tool" data-testid="photo-makeover">
      <p className="photo-tool__intro">{t('photo.tab.makeover.body')}</p>
      <PhotosStep tool="makeover" title={t('photo.step.photo')} max={1} ids={ids} setIds={setIds} consent={tool.consent} setConsent={tool.setConsent} />
      <Step id="photo-makeover-bg" title={t('photo.step.background')}>
        <BackgroundPicker id="photo-makeover-background" value={background} presets={presets} onChange={setBackground} />
        <Field label={t('photo.costume')} htmlFor="photo-makeover-costume" hint={costumeOff ? <span data-testid="photo-makeover-costume-reason">{costumeOff}</span> : undefined}>
          <select id="photo-makeover-costume" className="select" value={costumeOff ? '' : costume} disabled={costumeOff !== null} data-testid="photo-makeover-costume" onChange={(e) => setCostume(e.target.value as Costume | '')}>
            <option value="">{t('photo.costume.none')}</option>
            {COSTUMES.map((c) => (
              <option key={c} value={c}>
                {t(COSTUME_KEYS[c])}
              </option>
            ))}
          </select>
        </Field>
      </Step>
      <StylePicker value={styleId} onChange={setStyleId} testId="photo-makeover-style" />
      <MakeStep
        tool="makeover"
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
        label={t('photo.run.makeover')}
        onRun={() => request && void tool.start(() => api().call('photo.makeover', request))}
      />
      {tool.runId ? <RunPanel key={tool.runId} runId={tool.runId} suggested={suggested} /> : null}
      <EarlierRuns kind="makeover" current={tool.runId} onOpen={tool.open} />
    </div>
  );
}
