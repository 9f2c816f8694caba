import { useT } from '../../i18n/index.js';
import type { ImportProblem } from './personaTransfer.js';

/** What is wrong with an import file, persona by persona and field by field (nothing was imported). */
export function ImportProblems({ problems, onClose }: { problems: ImportProblem[]; onClose: () => void }) {
  const t = useT();
  return (
    <div className="error-panel form-error" role="alert" data-testid="persona-import-problems">
      <h3 className="error-panel__title">{t('kol.personas.import.failed', { count: problems.length })}</h3>
      <p className="error-panel__hint">{t('kol.personas.import.nothingImported')}</p>
      <ul className="import-problems">
        {problems.map((p, i) => (
          <li key={i} data-testid="persona-import-problem" data-persona={p.persona ?? ''} data-field={p.field}>
            <strong>{p.persona === null ? t('kol.personas.import.theFile') : t('kol.personas.import.persona', { index: p.persona, name: p.nickname ?? '—' })}</strong>
            {p.field ? (
              <>
                {' · '}
                <code>{p.field}</code>
              </>
            ) : null}
            {': '}
            {t(p.message)}
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn--ghost btn--small" onClick={onClose}>
        {t('common.dismiss')}
      </button>
    </div>
  );
}
