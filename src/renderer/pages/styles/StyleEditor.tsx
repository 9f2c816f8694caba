import { useEffect, useState } from 'react';
import type { SeedPolicy, StyleCarriers, StyleProfileView } from '../../../shared/style/profile.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useStyleStore } from '../../stores/styleStore.js';

/** The fragment, negative prompt, seed policy and carriers; editable while unlocked, then the lock. */
export function StyleEditor({ style }: { style: StyleProfileView }) {
  const t = useT();
  const act = useStyleStore((s) => s.act);
  const [fragment, setFragment] = useState(style.promptFragment);
  const [negative, setNegative] = useState(style.negativePrompt);
  const [seed, setSeed] = useState<SeedPolicy>(style.seedPolicy);
  const [carriers, setCarriers] = useState<StyleCarriers>(style.carriers);
  useEffect(() => {
    setFragment(style.promptFragment);
    setNegative(style.negativePrompt);
    setSeed(style.seedPolicy);
    setCarriers(style.carriers);
  }, [style]);
  const locked = style.locked;
  const lora = carriers.comfyui.lora;
  const ip = carriers.comfyui.ipAdapter;
  const setComfy = (next: Partial<StyleCarriers['comfyui']>) => setCarriers((c) => ({ ...c, comfyui: { ...c.comfyui, ...next } }));

  return (
    <div className="style-editor" data-testid="style-editor">
      {style.writing ? <p className="muted">{style.writing.draft ? t('style.draftWriting') : t('style.writtenBy', { provider: style.writing.provider, model: style.writing.model })}</p> : null}
      <label className="field">
        <span className="field__label">{t('style.fragment')}</span>
        <textarea className="input" rows={3} value={fragment} disabled={locked} data-testid="style-fragment" onChange={(e) => setFragment(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('style.negative')}</span>
        <textarea className="input" rows={2} value={negative} disabled={locked} data-testid="style-negative" onChange={(e) => setNegative(e.target.value)} />
      </label>
      <fieldset className="field" disabled={locked}>
        <legend className="field__label">{t('style.seedPolicy')}</legend>
        <label>
          <input type="radio" checked={seed.mode === 'random'} onChange={() => setSeed({ mode: 'random' })} /> {t('style.seed.random')}
        </label>{' '}
        <label>
          <input type="radio" checked={seed.mode === 'fixed'} data-testid="style-seed-fixed" onChange={() => setSeed({ mode: 'fixed', seed: 1234 })} /> {t('style.seed.fixed')}
        </label>{' '}
        {seed.mode === 'fixed' ? (
          <input className="input input--small" type="number" min={0} value={seed.seed} data-testid="style-seed" onChange={(e) => setSeed({ mode: 'fixed', seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
        ) : null}
      </fieldset>
      <fieldset className="field" disabled={locked}>
        <legend className="field__label">{t('style.carriers')}</legend>
        <label>
          <input type="checkbox" checked={carriers.gemini.referenceImages} onChange={(e) => setCarriers((c) => ({ ...c, gemini: { referenceImages: e.target.checked } }))} /> {t('style.carrier.gemini')}
        </label>
        <br />
        <label>
          <input type="checkbox" checked={carriers.seedream.referenceImages} onChange={(e) => setCarriers((c) => ({ ...c, seedream: { referenceImages: e.target.checked } }))} /> {t('style.carrier.seedream')}
        </label>
        <br />
        <label>
          {t('style.carrier.lora')}{' '}
          <input className="input" value={lora?.name ?? ''} data-testid="style-lora" onChange={(e) => setComfy({ lora: e.target.value.trim() ? { name: e.target.value, strength: lora?.strength ?? 0.8 } : null })} />
        </label>{' '}
        {lora ? (
          <label>
            {t('style.carrier.loraStrength')} <input className="input input--small" type="number" step={0.05} min={0} max={2} value={lora.strength} onChange={(e) => setComfy({ lora: { ...lora, strength: Number(e.target.value) } })} />
          </label>
        ) : null}
        <br />
        <label>
          <input type="checkbox" checked={ip !== null} onChange={(e) => setComfy({ ipAdapter: e.target.checked ? { weight: 0.6 } : null })} /> {t('style.carrier.ipAdapter')}
        </label>{' '}
        {ip ? (
          <label>
            {t('style.carrier.ipAdapterWeight')} <input className="input input--small" type="number" step={0.05} min={0} max={1} value={ip.weight} onChange={(e) => setComfy({ ipAdapter: { weight: Number(e.target.value) } })} />
          </label>
        ) : null}
      </fieldset>
      <div className="row">
        {locked ? (
          <>
            <p className="muted">{t('style.lockedHint')}</p>
            <button type="button" className="btn" data-testid="style-unlock" onClick={() => void act(() => api().call('style.unlock', { id: style.id }))}>
              {t('style.unlock')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="btn"
              data-testid="style-save"
              onClick={() => void act(() => api().call('style.update', { id: style.id, promptFragment: fragment, negativePrompt: negative, seedPolicy: seed, carriers }))}
            >
              {t('style.save')}
            </button>
            <button type="button" className="btn btn--primary" data-testid="style-lock" disabled={style.status !== 'ready'} onClick={() => void act(() => api().call('style.lock', { id: style.id }))}>
              {t('style.lock')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
