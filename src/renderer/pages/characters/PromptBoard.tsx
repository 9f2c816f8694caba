import { useState } from 'react';
import { CONCEPT_PROVIDERS, type CharacterConcept, type ConceptProvider } from '../../../shared/creator/jobs.js';
import { LANGUAGES, type Language } from '../../../shared/settings.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { useCharacterStore } from '../../stores/characterStore.js';
import { Field } from '../generate/fields.js';
import { statusOf, useProviderChoices } from '../generate/useProviderChoices.js';
import { ProfileEditor, type Profile } from './ProfileEditor.js';

const LANGUAGE_NAMES: Record<Language, string> = { 'zh-TW': '繁體中文', 'zh-CN': '简体中文', en: 'English' };

export function splitKeywords(text: string): string[] {
  return text.split(/[,，、\s]+/u).map((k) => k.trim()).filter(Boolean).slice(0, 12);
}

/** Keywords in any of the three languages → three concepts from the chosen text model; one is picked and edited into a character. */
export function PromptBoard() {
  const t = useT();
  const uiLanguage = useLanguage();
  const choices = useProviderChoices();
  const [keywords, setKeywords] = useState('');
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [provider, setProvider] = useState<ConceptProvider>('offline');
  const [picked, setPicked] = useState<CharacterConcept | null>(null);
  const { concepts, writing, writeConcepts, show } = useCharacterStore();
  const list = splitKeywords(keywords);
  const usable = (p: ConceptProvider) => p === 'offline' || (statusOf(choices, p)?.usable ?? false);

  if (picked) {
    const initial: Profile = { ...picked, keywords: list, language, styleId: null };
    return <ProfileEditor initial={initial} provider={provider} onDone={(view) => (view ? show({ kind: 'character', id: view.id }) : setPicked(null))} />;
  }
  return (
    <section className="card" aria-labelledby="character-board-title" data-testid="character-board">
      <h2 id="character-board-title">{t('character.board.title')}</h2>
      <Field label={t('character.board.keywords')} htmlFor="character-keywords" hint={t('character.board.keywordsHint')}>
        <input id="character-keywords" className="input" value={keywords} maxLength={300} data-testid="character-keywords" onChange={(e) => setKeywords(e.target.value)} />
      </Field>
      <Field label={t('character.board.language')} htmlFor="character-language">
        <select id="character-language" className="select" value={language} data-testid="character-language" onChange={(e) => setLanguage(e.target.value as Language)}>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('character.board.provider')} htmlFor="character-provider">
        <select id="character-provider" className="select" value={provider} data-testid="character-provider" onChange={(e) => setProvider(e.target.value as ConceptProvider)}>
          {CONCEPT_PROVIDERS.map((p) => {
            const action = statusOf(choices, p)?.action;
            const label = t(`character.provider.${p}`);
            return (
              <option key={p} value={p} disabled={!usable(p)}>
                {!usable(p) && action ? t('character.unusable', { label, action: t(`choices.action.${action}`) }) : label}
              </option>
            );
          })}
        </select>
      </Field>
      <button type="button" className="btn btn--primary" disabled={writing || list.length === 0 || !usable(provider)} data-testid="character-write" onClick={() => void writeConcepts(list, language, provider)}>
        {writing ? t('character.board.writing') : t('character.board.write')}
      </button>
      {concepts ? (
        <div data-testid="character-concepts" style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', marginTop: 16 }}>
          {concepts.draft ? (
            <p className="badge badge--queued" data-testid="character-concepts-draft" style={{ gridColumn: '1 / -1' }}>
              {t('character.board.draft')}
            </p>
          ) : null}
          {concepts.concepts.map((c, i) => (
            <article key={i} className="card" data-testid="character-concept">
              <h3 data-testid="character-concept-name">{c.name}</h3>
              <p>
                <strong>{t('character.field.world')}</strong> {c.world}
              </p>
              <p>
                <strong>{t('character.field.backstory')}</strong> {c.backstory}
              </p>
              <p>
                <strong>{t('character.field.look')}</strong> {c.look}
              </p>
              <button type="button" className="btn btn--primary btn--small" data-testid="character-pick" onClick={() => setPicked(c)}>
                {t('character.board.pick')}
              </button>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}
