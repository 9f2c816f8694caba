import type { Dispatch, ReactNode, SetStateAction } from 'react';
import type { PhotoTier } from '../../../shared/photo/requests.js';
import type { ChoiceStatus } from '../../../shared/providers.js';
import type { EstimateState } from '../generate/useEstimate.js';
import { BackendPicker } from './BackendPicker.js';
import type { Backend, BackendChoice } from './photoBackends.js';
import { TierPicker } from './TierPicker.js';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { useT } from '../../i18n/index.js';
import { ConsentBox, RunFooter } from './RunFooter.js';
import type { PhotoTool } from './toolRules.js';
import { UploadPanel } from './UploadPanel.js';

/** One numbered card of a tool: its heading labels the section for screen readers. */
export function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card photo-step" aria-labelledby={id}>
      <h2 className="photo-step__title" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The photos a tool works on, the consent box for photos of other people, and when the originals are deleted. */
export function PhotosStep(props: {
  tool: PhotoTool;
  title: string;
  max: number;
  ids: string[];
  setIds: Dispatch<SetStateAction<string[]>>;
  consent: boolean;
  setConsent: (consent: boolean) => void;
}) {
  const t = useT();
  const { tool, max, setIds } = props;
  return (
    <Step id={`photo-${tool}-${max === 1 ? 'photo' : 'people'}`} title={props.title}>
      <UploadPanel
        testId={`photo-${tool}-upload`}
        tool={tool}
        max={max}
        ids={props.ids}
        consent={props.consent}
        onAdded={(id) => setIds((list) => (max === 1 ? [id] : [...list, id]))}
        onRemoved={(id) => setIds((list) => list.filter((x) => x !== id))}
      />
      <ConsentBox id={`photo-${tool}-consent`} checked={props.consent} onChange={props.setConsent} />
      <p className="field__hint">{t('photo.privacy', { hours: PHOTO_LIMITS.originalsRetentionHours })}</p>
    </Step>
  );
}

/** The last card of a tool: which model makes it, free or paid, what it costs, and the run button. */
export function MakeStep<B extends Backend>(props: {
  tool: PhotoTool;
  title: string;
  backend: BackendChoice<B>;
  choices: BackendChoice<B>[];
  statuses: ChoiceStatus[] | null;
  onPick: (choice: BackendChoice<B>) => void;
  tier: PhotoTier;
  setTier: (tier: PhotoTier) => void;
  /** The tool makes one photo (repair): no 4-choose-1 to offer. */
  single?: boolean;
  estimate: EstimateState | null;
  blockers: string[];
  busy: boolean;
  label: string;
  onRun: () => void;
}) {
  const id = `photo-${props.tool}`;
  return (
    <Step id={`${id}-make`} title={props.title}>
      <BackendPicker id={`${id}-backend`} value={props.backend} choices={props.choices} statuses={props.statuses} onChange={props.onPick} />
      <TierPicker id={`${id}-tier`} value={props.tier} onChange={props.setTier} single={props.single ?? false} />
      <RunFooter id={id} estimate={props.estimate} blockers={props.blockers} busy={props.busy} label={props.label} onRun={props.onRun} />
    </Step>
  );
}
