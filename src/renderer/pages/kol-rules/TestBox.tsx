import { useEffect, useId, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { scoredText } from '../../../shared/kol/score/index.js';
import { RISK_REGIONS, type DraftScores, type RiskRegion } from '../../../shared/kol/scores.js';
import { PLATFORM_LABELS, PUBLISH_PLATFORMS, type PublishPlatform } from '../../../shared/publish/platforms.js';
import { LANGUAGES, type Language } from '../../../shared/settings.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { LANGUAGE_NAMES, useT, type MessageKey } from '../../i18n/index.js';
import { HighlightedText } from './HighlightedText.js';
import { DraftScoresView } from './ScoresView.js';

/** How long typing must pause before the text is scored again. */
const DEBOUNCE_MS = 300;

/**
 * Paste a text, see it scored against the rules as they are now: matched
 * phrases marked in place, and the three scores with their reasons. `version`
 * changes whenever the rules do, so the preview follows the editor.
 */
export function TestBox({ version }: { version: number }) {
  const t = useT();
  const ids = useId();
  const [text, setText] = useState('');
  const [platform, setPlatform] = useState<PublishPlatform | null>('instagram');
  const [language, setLanguage] = useState<Language>('zh-TW');
  const [regions, setRegions] = useState<RiskRegion[]>(['TW', 'CN']);
  const [recent, setRecent] = useState('');
  const [scores, setScores] = useState<{ text: string; value: DraftScores } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    if (text.trim() === '') {
      setScores(null);
      return;
    }
    let current = true;
    const recentTexts = recent
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .slice(0, 50);
    const timer = setTimeout(() => {
      api()
        .call('kol.rules.test', { text, platform, language, regions, recentTexts })
        .then((value) => {
          if (!current) return;
          setScores({ text, value });
          setError(null);
        })
        .catch((err: unknown) => {
          if (current) setError(errorInfoOf(err));
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, platform, language, regions, recent, version]);

  const toggleRegion = (region: RiskRegion, on: boolean) => setRegions(on ? [...regions, region] : regions.filter((r) => r !== region));
  return (
    <section className="card rule-test" aria-labelledby={`${ids}-title`} data-testid="rule-test">
      <h2 className="card__title" id={`${ids}-title`}>
        {t('kolscore.test.title')}
      </h2>
      <p className="muted">{t('kolscore.test.help')}</p>
      <label className="field" htmlFor={`${ids}-text`}>
        <span className="field__label">{t('kolscore.test.text')}</span>
        <textarea id={`${ids}-text`} className="input textarea" rows={6} value={text} data-testid="rule-test-text" onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="field-grid">
        <label className="field">
          <span className="field__label">{t('kolscore.test.platform')}</span>
          <select className="select" value={platform ?? ''} data-testid="rule-test-platform" onChange={(e) => setPlatform(e.target.value === '' ? null : (e.target.value as PublishPlatform))}>
            <option value="">{t('kolscore.test.anyPlatform')}</option>
            {PUBLISH_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('kolscore.test.language')}</span>
          <select className="select" value={language} data-testid="rule-test-language" onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field rule-test__regions">
          <legend className="field__label">{t('kolscore.test.regions')}</legend>
          {RISK_REGIONS.filter((r) => r !== 'all').map((r) => (
            <label key={r} className="checkbox-field">
              {/* At least one market stays chosen: with none, no regional rule would apply and the preview would look cleaner than it is. */}
              <input type="checkbox" checked={regions.includes(r)} disabled={regions.length === 1 && regions.includes(r)} data-testid={`rule-test-region-${r}`} onChange={(e) => toggleRegion(r, e.target.checked)} />
              {t(`kolscore.region.${r}` satisfies MessageKey)}
            </label>
          ))}
        </fieldset>
      </div>
      <label className="field" htmlFor={`${ids}-recent`}>
        <span className="field__label">{t('kolscore.test.recent')}</span>
        <textarea id={`${ids}-recent`} className="input textarea" rows={3} value={recent} data-testid="rule-test-recent" onChange={(e) => setRecent(e.target.value)} />
      </label>
      {error ? (
        <div className="error-panel" role="alert" data-testid="rule-test-error">
          <p className="error-panel__title">{t('kolscore.test.failed')}</p>
          <ErrorText error={error} />
        </div>
      ) : null}
      {scores ? (
        <div aria-live="polite">
          <h3 className="field__label">{t('kolscore.test.highlighted')}</h3>
          {scores.value.risk.matches.length > 0 ? <HighlightedText text={scoredText({ text: scores.text })} matches={scores.value.risk.matches} /> : <p className="muted">{t('kolscore.test.noMatches')}</p>}
          <DraftScoresView scores={scores.value} />
        </div>
      ) : null}
    </section>
  );
}
