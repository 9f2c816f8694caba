import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { ALLOCATIONS, type KolScheduleView, type WebhookSecret } from '../../../shared/kol/triggers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT } from '../../i18n/index.js';
import { draftOf, EMPTY_DRAFT, inputOf, triggerOf, type ScheduleDraft } from './formState.js';
import { PreviewPanel } from './PreviewPanel.js';
import { Field, TriggerFields } from './TriggerFields.js';

/** Create or edit a schedule, with the trigger's live preview beside it. */
export function ScheduleForm({ editing, onSaved, onCancel }: { editing: KolScheduleView | null; onSaved: (webhook: WebhookSecret | null) => void; onCancel: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<ScheduleDraft>(editing ? draftOf(editing) : EMPTY_DRAFT);
  const [personas, setPersonas] = useState<PersonaView[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<ScheduleDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    api()
      .call('kol.personas.list', {})
      .then(setPersonas)
      .catch((err: unknown) => setError(errorInfoOf(err)));
  }, []);

  async function save(): Promise<void> {
    setSaving(true);
    setError(null);
    try {
      const saved = editing ? await api().call('kol.triggers.update', { id: editing.id, patch: inputOf(draft) }) : await api().call('kol.triggers.create', inputOf(draft));
      onSaved(saved.webhook);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setSaving(false);
    }
  }

  const togglePersona = (id: string, on: boolean) => set({ personaIds: on ? [...draft.personaIds, id] : draft.personaIds.filter((p) => p !== id) });

  return (
    <section className="card" data-testid="trig-form" aria-labelledby="trig-form-title">
      <h2 className="card__title" id="trig-form-title">
        {t(editing ? 'koltrig.form.edit' : 'koltrig.form.new')}
      </h2>
      <div className="trig-grid">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="koltrig.field.title">{(id) => <input id={id} className="input" required value={draft.title} data-testid="trig-title" onChange={(e) => set({ title: e.target.value })} />}</Field>
          <Field label="koltrig.field.description">{(id) => <textarea id={id} className="input" rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} />}</Field>
          <TriggerFields draft={draft} set={set} typeLocked={editing !== null} />
          <fieldset className="field" data-testid="trig-personas">
            <legend className="field__label">{t('koltrig.field.personas')}</legend>
            {personas.length === 0 ? <p className="muted small">{t('koltrig.field.noPersonas')}</p> : null}
            {personas.map((p) => (
              <label key={p.id} className="trig-check">
                <input type="checkbox" checked={draft.personaIds.includes(p.id)} onChange={(e) => togglePersona(p.id, e.target.checked)} /> {p.nickname}
                {p.expertiseAreas.length ? <span className="muted small"> · {p.expertiseAreas.join(', ')}</span> : null}
              </label>
            ))}
          </fieldset>
          <Field label="koltrig.field.allocation">
            {(id) => (
              <select id={id} className="select" value={draft.allocation} data-testid="trig-allocation" onChange={(e) => set({ allocation: e.target.value as ScheduleDraft['allocation'] })}>
                {ALLOCATIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(`koltrig.allocation.${a}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="koltrig.field.postsPerRun" hint="koltrig.field.postsPerRunHint">
            {(id) => <input id={id} className="input" type="number" min={1} max={50} value={draft.postsPerRun} onChange={(e) => set({ postsPerRun: e.target.value })} />}
          </Field>
          <Field label="koltrig.field.postTime" hint="koltrig.field.postTimeHint">
            {(id) => <input id={id} className="input" type="time" value={draft.postAt} data-testid="trig-post-at" onChange={(e) => set({ postAt: e.target.value })} />}
          </Field>
          {error ? <ErrorText error={error} /> : null}
          <div className="trig-actions">
            <button type="submit" className="btn btn--primary" disabled={saving} data-testid="trig-save">
              {t('koltrig.form.save')}
            </button>
            <button type="button" className="btn btn--ghost" onClick={onCancel}>
              {t('koltrig.form.cancel')}
            </button>
          </div>
        </form>
        <PreviewPanel trigger={triggerOf(draft)} timeZone={draft.timeZone || 'Asia/Taipei'} />
      </div>
    </section>
  );
}
