import { useState } from 'react';
import type { LearnPersona, LearnSuggestions } from '../../../shared/api/kol-learn-contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT } from '../../i18n/index.js';
import { useLoad } from '../partners/useCall.js';
import { localized } from './labels.js';

/** What a persona's prompts get now, each line with why. */
function PromptLines({ personaId, period }: { personaId: string; period: 7 | 30 | 90 }) {
  const t = useT();
  const lines = useLoad<LearnSuggestions>(() => api().call('kol.learn.suggestions', { period, personaId }));
  const list = lines.data?.promptLines ?? [];
  if (lines.loading && !lines.data) return null;
  return list.length === 0 ? (
    <p className="muted">{t('kollearn.personas.noLines')}</p>
  ) : (
    <ul className="learn-prompt-lines" data-testid="learn-prompt-lines">
      {list.map((line) => (
        <li key={line.text}>
          <code>{line.text}</code> <span className="muted">— {localized(line.why, t)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Per persona, the "use in prompts" switch (the personas update call of the
 * core contract) and what its prompts get while it is on.
 */
export function PersonaSwitches({ personas, period, onChanged }: { personas: LearnPersona[]; period: 7 | 30 | 90; onChanged: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function toggle(persona: LearnPersona, on: boolean) {
    setBusy(persona.id);
    setError(null);
    try {
      await api().call('kol.personas.update', { id: persona.id, patch: { learningEnabled: on } });
      onChanged();
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" data-testid="learn-personas">
      <h2 className="card__title">{t('kollearn.personas.title')}</h2>
      <p className="muted">{t('kollearn.personas.help')}</p>
      {personas.length === 0 ? <p className="muted">{t('kollearn.personas.none')}</p> : null}
      <ul className="learn-personas">
        {personas.map((p) => (
          <li key={p.id} data-testid="learn-persona" data-persona={p.id}>
            <label className="field-inline">
              <input type="checkbox" role="switch" checked={p.learningEnabled} disabled={busy === p.id} aria-label={t('kollearn.personas.switch', { name: p.nickname })} onChange={(e) => void toggle(p, e.target.checked)} />
              <span>{p.nickname}</span>
            </label>
            {p.learningEnabled ? (
              <div className="learn-personas__lines">
                <span className="field__label">{t('kollearn.personas.lines')}</span>
                <PromptLines personaId={p.id} period={period} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? (
        <div role="alert" data-testid="learn-persona-error">
          <strong>{t('kollearn.personas.failed')}</strong> <ErrorText error={error} />
        </div>
      ) : null}
    </section>
  );
}
