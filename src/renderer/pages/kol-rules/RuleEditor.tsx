import { useId, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { patternProblem } from '../../../shared/kol/score/regex-guard.js';
import { RISK_CATEGORIES, RISK_LEVELS, RISK_REGIONS, type RiskRule } from '../../../shared/kol/scores.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';
import { toastSuccess } from '../../stores/toastStore.js';

type Draft = Pick<RiskRule, 'region' | 'category' | 'match' | 'pattern' | 'level' | 'enabled'>;

const NEW_RULE: Draft = { region: 'all', category: 'competitor', match: 'phrase', pattern: '', level: 'medium', enabled: true };

/** Adds an agency rule or edits one; the pattern is checked as it is typed, with the same check main applies on save. */
export function RuleEditor({ rule, onClose, onSaved }: { rule: RiskRule | null; onClose: () => void; onSaved: (rule: RiskRule) => void }) {
  const t = useT();
  const language = useLanguage();
  const ids = useId();
  const [draft, setDraft] = useState<Draft>(rule ?? NEW_RULE);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const pattern = draft.pattern.trim();
  const problem = pattern === '' ? null : patternProblem(draft.match, pattern);
  const problemText = problem ? errorDetail({ code: 'BAD_INPUT', message: '', key: problem.key, ...(problem.params ? { params: problem.params } : {}) }, t, language) : null;

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const saved = await api().call('kol.rules.save', { ...(rule ? { id: rule.id } : {}), ...draft, pattern });
      toastSuccess(t('kolscore.saved'));
      onSaved(saved);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setSaving(false);
    }
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  return (
    <Dialog
      title={t(rule ? 'kolscore.editor.edit' : 'kolscore.editor.add')}
      onClose={onClose}
      testId="rule-editor"
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={saving || pattern === '' || problem !== null} data-testid="rule-save" onClick={() => void save()}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <div className="rule-editor">
        <label className="field" htmlFor={`${ids}-pattern`}>
          <span className="field__label">{t('kolscore.editor.pattern')}</span>
          <input
            id={`${ids}-pattern`}
            className={problem ? 'input input--invalid' : 'input'}
            value={draft.pattern}
            maxLength={2000}
            data-autofocus=""
            data-testid="rule-pattern"
            aria-invalid={problem !== null}
            aria-describedby={`${ids}-help`}
            onChange={(e) => set('pattern', e.target.value)}
          />
          {problemText ? (
            <span className="field__error" role="alert" data-testid="rule-pattern-problem">
              {problemText}
            </span>
          ) : null}
          <span id={`${ids}-help`} className="muted small">
            {t(draft.match === 'regex' ? 'kolscore.editor.helpRegex' : 'kolscore.editor.helpPhrase')}
          </span>
        </label>
        <div className="field-grid">
          <label className="field">
            <span className="field__label">{t('kolscore.editor.match')}</span>
            <select className="select" value={draft.match} data-testid="rule-match" onChange={(e) => set('match', e.target.value as Draft['match'])}>
              <option value="phrase">{t('kolscore.match.phrase')}</option>
              <option value="regex">{t('kolscore.match.regex')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('kolscore.editor.category')}</span>
            <select className="select" value={draft.category} data-testid="rule-category" onChange={(e) => set('category', e.target.value as Draft['category'])}>
              {RISK_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`kolscore.category.${c}` satisfies MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('kolscore.col.region')}</span>
            <select className="select" value={draft.region} data-testid="rule-region" onChange={(e) => set('region', e.target.value as Draft['region'])}>
              {RISK_REGIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`kolscore.region.${r}` satisfies MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('kolscore.col.level')}</span>
            <select className="select" value={draft.level} data-testid="rule-level" onChange={(e) => set('level', e.target.value as Draft['level'])}>
              {RISK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`kolscore.level.${l}` satisfies MessageKey)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {draft.category === 'disclosure' ? <p className="muted small">{t('kolscore.editor.disclosureHelp')}</p> : null}
        {error ? (
          <div className="error-panel" role="alert" data-testid="rule-save-error">
            <p className="error-panel__title">{t('kolscore.saveFailed')}</p>
            <ErrorText error={error} />
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
