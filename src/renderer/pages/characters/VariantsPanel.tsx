import { useEffect, useState } from 'react';
import type { CharacterView, VariantView } from '../../../shared/api/character-contract.js';
import { MAX_VARIANTS_PER_RUN, VARIANT_KINDS, type VariantBackend, type VariantKind } from '../../../shared/creator/jobs.js';
import type { PhotoVia } from '../../../shared/photo/requests.js';
import type { Estimate } from '../../../shared/pricing.js';
import type { ChoiceProvider } from '../../../shared/providers.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useCharacterStore } from '../../stores/characterStore.js';
import { Field } from '../generate/fields.js';
import { statusOf, useProviderChoices } from '../generate/useProviderChoices.js';

/** The image-editing choices: each online model through KingJam Cloud or the user's key, and ComfyUI; offline is listed, never usable. */
interface Choice {
  value: string;
  backend: VariantBackend;
  via: PhotoVia;
  provider: ChoiceProvider;
}
const CHOICES: Choice[] = [
  ...(['gemini', 'seedream', 'flux-kontext'] as const).flatMap((backend): Choice[] => [
    { value: `${backend}:cloud`, backend, via: 'cloud', provider: 'cloud' },
    { value: `${backend}:own-key`, backend, via: 'own-key', provider: backend === 'gemini' ? 'gemini' : 'replicate' },
  ]),
  { value: 'comfyui', backend: 'comfyui', via: 'cloud', provider: 'comfyui' },
];
const OFFLINE = 'offline';

/**
 * The Pose & Variant Generator: the character in a new pose, outfit or
 * expression from its references (and its locked style), N at a time, with
 * the cost before it starts; a grid of the results to keep or discard, and a
 * kept one can become a reference. Offline has no image-editing model: it is
 * shown, disabled, with what makes the generator usable.
 */
export function VariantsPanel({ character }: { character: CharacterView }) {
  const t = useT();
  const statuses = useProviderChoices();
  const { setOpen, setError } = useCharacterStore();
  const usable = (c: Choice) => statusOf(statuses, c.provider)?.usable ?? false;
  const firstUsable = CHOICES.find(usable)?.value ?? OFFLINE;
  const [picked, setPicked] = useState<string | null>(null);
  const value = picked !== null && CHOICES.some((c) => c.value === picked && usable(c)) ? picked : firstUsable;
  const choice = CHOICES.find((c) => c.value === value) ?? null;
  const [kind, setKind] = useState<VariantKind>('pose');
  const [instruction, setInstruction] = useState('');
  const [count, setCount] = useState(MAX_VARIANTS_PER_RUN);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [busy, setBusy] = useState(false);
  const [showDiscarded, setShowDiscarded] = useState(false);

  const backend = choice?.backend;
  const via = choice?.via;
  useEffect(() => {
    if (!backend || !via) return setEstimate(null);
    let live = true;
    api()
      .call('character.variantsEstimate', { backend, via, count })
      .then((e) => live && setEstimate(e), () => live && setEstimate(null));
    return () => {
      live = false;
    };
  }, [backend, via, count]);

  const noRefs = character.references.length === 0;
  async function make() {
    if (!choice) return;
    setBusy(true);
    try {
      setOpen(await api().call('character.makeVariants', { id: character.id, kind, instruction, backend: choice.backend, via: choice.via, count }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  async function mark(v: VariantView, state: 'kept' | 'discarded') {
    try {
      setOpen(await api().call('character.markVariant', { variantId: v.id, state }));
    } catch (err) {
      setError(err);
    }
  }
  async function asReference(v: VariantView) {
    if (!v.assetId) return;
    try {
      setOpen(await api().call('character.addReferenceAssets', { id: character.id, assetIds: [v.assetId], origin: 'generated' }));
    } catch (err) {
      setError(err);
    }
  }

  const shown = character.variants.filter((v) => showDiscarded || v.state !== 'discarded');
  return (
    <section className="card" aria-labelledby="character-variants-title" data-testid="character-variants">
      <h2 id="character-variants-title">{t('character.variants.title')}</h2>
      <Field label={t('character.variants.backend')} htmlFor="character-variant-backend" hint={choice ? undefined : <span data-testid="character-variants-offline-hint">{t('character.variants.offlineHint')}</span>}>
        <select id="character-variant-backend" className="select" value={value} data-testid="character-variant-backend" onChange={(e) => setPicked(e.target.value)}>
          <option value={OFFLINE} disabled>
            {t('character.variants.offline')}
          </option>
          {CHOICES.map((c) => {
            const action = statusOf(statuses, c.provider)?.action;
            const label = t(`character.backend.${c.value}` as 'character.backend.comfyui');
            return (
              <option key={c.value} value={c.value} disabled={!usable(c)}>
                {!usable(c) && action ? t('character.unusable', { label, action: t(`choices.action.${action}`) }) : label}
              </option>
            );
          })}
        </select>
      </Field>
      <Field label={t('character.variants.kind')} htmlFor="character-variant-kind">
        <select id="character-variant-kind" className="select" value={kind} data-testid="character-variant-kind" onChange={(e) => setKind(e.target.value as VariantKind)}>
          {VARIANT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`character.variants.kind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('character.variants.instruction')} htmlFor="character-variant-instruction" hint={t('character.variants.instructionHint')}>
        <input id="character-variant-instruction" className="input" value={instruction} maxLength={500} data-testid="character-variant-instruction" onChange={(e) => setInstruction(e.target.value)} />
      </Field>
      <Field label={t('character.variants.count')} htmlFor="character-variant-count">
        <input id="character-variant-count" className="input" type="number" min={1} max={MAX_VARIANTS_PER_RUN} value={count} data-testid="character-variant-count" onChange={(e) => setCount(Math.min(MAX_VARIANTS_PER_RUN, Math.max(1, Number(e.target.value) || 1)))} />
      </Field>
      {estimate ? (
        <p className="muted" data-testid="character-variant-cost">
          {estimate.total > 0 ? t('character.variants.cost', { credits: estimate.total }) : t('character.variants.free')}
        </p>
      ) : null}
      {noRefs ? <p className="muted">{t('character.variants.needsRefs')}</p> : null}
      <button type="button" className="btn btn--primary" disabled={busy || !choice || noRefs || instruction.trim() === ''} data-testid="character-variant-make" onClick={() => void make()}>
        {t('character.variants.make')}
      </button>
      <label style={{ display: 'block', marginTop: 12 }}>
        <input type="checkbox" checked={showDiscarded} onChange={(e) => setShowDiscarded(e.target.checked)} /> {t('character.variants.showDiscarded')}
      </label>
      {shown.length === 0 ? <p className="muted">{t('character.variants.empty')}</p> : null}
      <ul data-testid="character-variant-grid" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))' }}>
        {shown.map((v) => (
          <li key={v.id} className="card" data-testid="character-variant" data-state={v.state} data-status={v.status}>
            {v.file ? <img src={api().mediaUrl(v.file)} alt={v.instruction} style={{ width: '100%' }} /> : null}
            <span className="badge">{t(`character.variants.kind.${v.kind}`)}</span>
            {v.status === 'pending' ? <span className="muted"> {t('character.variants.pending')}</span> : null}
            {v.status === 'failed' ? <span className="badge badge--failed"> {t('character.variants.failed')}</span> : null}
            {v.state !== 'new' ? <span className="badge badge--succeeded"> {t(v.state === 'kept' ? 'character.variants.kept' : 'character.variants.discarded')}</span> : null}
            <p className="muted">{v.instruction}</p>
            {v.status === 'ready' ? (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                <button type="button" className="btn btn--ghost btn--small" aria-pressed={v.state === 'kept'} data-testid="character-variant-keep" onClick={() => void mark(v, 'kept')}>
                  {t('character.variants.keep')}
                </button>
                <button type="button" className="btn btn--ghost btn--small" aria-pressed={v.state === 'discarded'} data-testid="character-variant-discard" onClick={() => void mark(v, 'discarded')}>
                  {t('character.variants.discard')}
                </button>
                {v.state === 'kept' && v.assetId && !character.references.some((r) => r.assetId === v.assetId) ? (
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => void asReference(v)}>
                    {t('character.variants.asReference')}
                  </button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
