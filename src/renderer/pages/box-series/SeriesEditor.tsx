import { useEffect, useState, type FormEvent } from 'react';
import type { CharacterSummary } from '../../../shared/api/character-contract.js';
import type { SeriesView } from '../../../shared/boxes/wire.js';
import { BOX_LIMITS } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { t as translate, useT, type MessageKey } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { emptyItem, GUARANTEE_TIERS, oddsTotal, toDraft, type FormErrors, type ItemForm, type SeriesForm } from './draft.js';
import { ItemRow } from './ItemRow.js';
import { TierSelect } from './TierSelect.js';

/** The series form: its facts, the guarantee, the items from characters with the live odds total; saves a draft. */
export function SeriesEditor({ id, initial, onSaved }: { id: string | null; initial: SeriesForm; onSaved(view: SeriesView, form: SeriesForm): void }) {
  const t = useT();
  const [form, setForm] = useState<SeriesForm>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [characters, setCharacters] = useState<CharacterSummary[]>([]);
  const [adding, setAdding] = useState('');
  const action = useAction();
  const total = oddsTotal(form.items);
  const totalOk = Math.abs(total - 100) <= 0.0001;
  const msg = (key: string | undefined) => (key ? t(key as MessageKey) : undefined);

  useEffect(() => {
    void api()
      .call('character.list', {})
      .then(setCharacters)
      .catch(() => setCharacters([]));
  }, []);

  const set = (patch: Partial<SeriesForm>) => setForm((f) => ({ ...f, ...patch }));
  const setItem = (key: string, patch: Partial<ItemForm>) => setForm((f) => ({ ...f, items: f.items.map((it) => (it.key === key ? { ...it, ...patch } : it)) }));

  /** A new item from a character: its name, and its first reference as the picture (changeable in the row). */
  async function addFromCharacter() {
    const c = characters.find((x) => x.id === adding);
    const item = { ...emptyItem(), characterId: c?.id ?? null, name: c?.name ?? '' };
    if (c) {
      const view = await api().call('character.get', { id: c.id }).catch(() => null);
      item.imageAssetId = view?.references[0]?.assetId ?? null;
    }
    setForm((f) => ({ ...f, items: [...f.items, item] }));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const { draft, errors: found } = toDraft(form);
    setErrors(found);
    if (!draft) return;
    const view = await action.run(() => api().call('boxes.saveSeries', { ...(id ? { id } : {}), draft }));
    if (view) {
      toastSuccess(translate('boxstudio.saved'));
      onSaved(view, form);
    }
  }

  return (
    <form className="card" noValidate onSubmit={(e) => void save(e)} data-testid="series-form" style={{ display: 'grid', gap: 12 }}>
      <TextField label={t('boxstudio.field.title')} value={form.title} testId="series-title" maxLength={100} error={msg(errors.title)} onChange={(title) => set({ title })} />
      <label className="field">
        <span className="field__label">{t('boxstudio.field.description')}</span>
        <textarea className="input" rows={3} maxLength={2000} data-testid="series-description" value={form.description} onChange={(e) => set({ description: e.target.value })} />
      </label>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <TextField label={t('boxstudio.field.price')} value={form.price} testId="series-price" inputMode="numeric" error={msg(errors.price)} onChange={(price) => set({ price })} />
        <TextField label={t('boxstudio.field.dailyLimit')} value={form.dailyLimit} testId="series-daily-limit" inputMode="numeric" error={msg(errors.dailyLimit)} onChange={(dailyLimit) => set({ dailyLimit })} />
        <label className="field">
          <span className="field__label">{t('boxstudio.field.startsAt')}</span>
          <input className="input" type="datetime-local" data-testid="series-starts" value={form.startsAt} onChange={(e) => set({ startsAt: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('boxstudio.field.endsAt')}</span>
          <input
            className={errors.endsAt ? 'input input--invalid' : 'input'}
            type="datetime-local"
            data-testid="series-ends"
            value={form.endsAt}
            aria-invalid={errors.endsAt ? true : undefined}
            onChange={(e) => set({ endsAt: e.target.value })}
          />
          {errors.endsAt ? <span className="field__error">{msg(errors.endsAt)}</span> : <span className="muted field__help">{t('boxstudio.field.endsAt.help')}</span>}
        </label>
      </div>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'end' }}>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" data-testid="series-guarantee-on" checked={form.guaranteeOn} onChange={(e) => set({ guaranteeOn: e.target.checked })} />
          {t('boxstudio.field.guarantee')}
        </label>
        {form.guaranteeOn ? (
          <>
            <TextField label={t('boxstudio.field.guaranteeAfter')} value={form.guaranteeAfter} testId="series-guarantee-after" inputMode="numeric" error={msg(errors.guarantee)} onChange={(guaranteeAfter) => set({ guaranteeAfter })} />
            <TierSelect label={t('boxstudio.field.guaranteeTier')} tiers={GUARANTEE_TIERS} value={form.guaranteeTier} testId="series-guarantee-tier" onChange={(guaranteeTier) => set({ guaranteeTier })} />
          </>
        ) : null}
      </div>
      <h2>{t('boxstudio.items')}</h2>
      <ul style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8 }} data-testid="series-items">
        {form.items.map((item, i) => (
          <ItemRow
            key={item.key}
            item={item}
            index={i}
            characters={characters}
            error={errors.item?.[item.key]}
            onChange={(patch) => setItem(item.key, patch)}
            onRemove={() => set({ items: form.items.filter((x) => x.key !== item.key) })}
          />
        ))}
      </ul>
      {errors.items ? <p className="field__error" data-testid="series-items-error">{msg(errors.items)}</p> : null}
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <select className="input" data-testid="series-add-character" value={adding} onChange={(e) => setAdding(e.target.value)} aria-label={t('boxstudio.item.character')}>
          <option value="">{t('boxstudio.item.noCharacter')}</option>
          {characters.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn--ghost" data-testid="series-add-item" disabled={form.items.length >= BOX_LIMITS.maxItems} onClick={() => void addFromCharacter()}>
          {t('boxstudio.item.add')}
        </button>
      </div>
      <p data-testid="series-odds-total" data-ok={totalOk} data-total={total} className={totalOk ? 'muted' : 'field__error'} aria-live="polite">
        {t('boxstudio.oddsTotal', { total: total.toFixed(4).replace(/\.?0+$/, '') })}
        {totalOk ? null : ` — ${t('boxstudio.oddsTotal.bad')}`}
      </p>
      {action.error ? <FormError error={action.error} title={t('boxstudio.saveFailed')} testId="series-error" /> : null}
      <div>
        <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="series-save">
          {action.busy ? t('boxstudio.saving') : t('boxstudio.save')}
        </button>
      </div>
    </form>
  );
}
