import { useState } from 'react';
import type { CharacterView } from '../../../shared/api/character-contract.js';
import type { CharacterConcept, ConceptProvider, RewriteField } from '../../../shared/creator/jobs.js';
import type { Language } from '../../../shared/settings.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useCharacterStore } from '../../stores/characterStore.js';
import { Field } from '../generate/fields.js';
import { StylePicker } from '../../components/StylePicker.js';

export interface Profile extends CharacterConcept {
  keywords: string[];
  language: Language;
  styleId: string | null;
}

/**
 * A character's profile as a form: from a picked concept (Create) or an
 * existing character (Save). World and backstory can be rewritten by the
 * text model once the character exists; the text lands in the field to keep
 * or change before saving.
 */
export function ProfileEditor({ initial, characterId, provider, onDone }: { initial: Profile; characterId?: string; provider: ConceptProvider; onDone: (view: CharacterView | null) => void }) {
  const t = useT();
  const [p, setP] = useState<Profile>(initial);
  const [busy, setBusy] = useState<RewriteField | 'save' | null>(null);
  const setError = useCharacterStore((s) => s.setError);
  const set = (patch: Partial<Profile>) => setP((old) => ({ ...old, ...patch }));

  async function rewrite(field: RewriteField) {
    if (!characterId) return;
    setBusy(field);
    try {
      const answer = await api().call('character.rewrite', { id: characterId, field, provider, concept: { name: p.name, world: p.world, backstory: p.backstory, look: p.look } });
      set({ [field]: answer.text });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function save() {
    setBusy('save');
    try {
      const fields = { name: p.name, keywords: p.keywords, language: p.language, world: p.world, backstory: p.backstory, look: p.look };
      // An existing character's style is linked on its page (StyleLink), so saving the profile never overwrites a link made meanwhile.
      onDone(characterId ? await api().call('character.update', { id: characterId, ...fields }) : await api().call('character.create', { ...fields, styleId: p.styleId }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const area = (field: 'world' | 'backstory' | 'look', rows: number) => (
    <Field label={t(`character.field.${field}`)} htmlFor={`character-${field}`}>
      <textarea id={`character-${field}`} className="input" rows={rows} value={p[field]} maxLength={field === 'look' ? 1500 : 3000} data-testid={`character-edit-${field}`} onChange={(e) => set({ [field]: e.target.value })} />
      {characterId && field !== 'look' ? (
        <button type="button" className="btn btn--ghost btn--small" disabled={busy !== null} data-testid={`character-rewrite-${field}`} onClick={() => void rewrite(field)}>
          {busy === field ? t('character.board.writing') : t('character.editor.rewrite')}
        </button>
      ) : null}
    </Field>
  );

  return (
    <section className="card" aria-labelledby="character-editor-title" data-testid="character-editor">
      <h2 id="character-editor-title">{t('character.editor.title')}</h2>
      <Field label={t('character.field.name')} htmlFor="character-name">
        <input id="character-name" className="input" value={p.name} maxLength={80} data-testid="character-edit-name" onChange={(e) => set({ name: e.target.value })} />
      </Field>
      {area('world', 3)}
      {area('backstory', 5)}
      {area('look', 3)}
      {characterId ? null : <StylePicker value={p.styleId ?? undefined} onChange={(styleId) => set({ styleId: styleId ?? null })} testId="character-edit-style" />}
      <div className="row" style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="btn btn--primary" disabled={busy !== null || p.name.trim() === ''} data-testid="character-save" onClick={() => void save()}>
          {characterId ? t('character.editor.save') : t('character.editor.create')}
        </button>
        <button type="button" className="btn btn--ghost" data-testid="character-cancel" onClick={() => onDone(null)}>
          {t('character.editor.cancel')}
        </button>
      </div>
    </section>
  );
}
