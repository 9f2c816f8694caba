import { RISK_CATEGORIES, type RiskCategory, type RiskRule } from '../../../shared/kol/scores.js';
import { Icon } from '../../components/Icon.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { RiskBadge } from './ScoresView.js';

interface RuleListProps {
  rules: RiskRule[];
  onToggle(rule: RiskRule, enabled: boolean): void;
  onEdit(rule: RiskRule): void;
  onDelete(rule: RiskRule): void;
}

function RuleRow({ rule, onToggle, onEdit, onDelete }: { rule: RiskRule } & Omit<RuleListProps, 'rules'>) {
  const t = useT();
  return (
    <tr data-testid="rule-row" data-rule-id={rule.id} data-enabled={rule.enabled}>
      <th scope="row" className={rule.enabled ? '' : 'muted'}>
        {/* A pattern is matched as written (a Simplified word for mainland posts, a Traditional one for Taiwan's): not UI text to translate. */}
        <span className={rule.match === 'regex' ? 'rule-pattern rule-pattern--regex' : 'rule-pattern'} translate="no">
          {rule.pattern}
        </span>{' '}
        <span className="badge">{t(rule.builtin ? 'kolscore.builtin' : 'kolscore.agency')}</span>
        {rule.match === 'regex' ? <div className="muted small">{t('kolscore.match.regex')}</div> : null}
      </th>
      <td>{t(`kolscore.region.${rule.region}` satisfies MessageKey)}</td>
      <td>
        <RiskBadge level={rule.level} />
      </td>
      <td>
        <input type="checkbox" checked={rule.enabled} aria-label={t('kolscore.toggleOf', { pattern: rule.pattern })} data-testid="rule-toggle" onChange={(e) => onToggle(rule, e.target.checked)} />
      </td>
      <td>
        {rule.builtin ? null : (
          <div className="row-actions">
            <button type="button" className="btn btn--ghost btn--small" data-testid="rule-edit" onClick={() => onEdit(rule)}>
              {t('kolscore.edit')}
            </button>
            <button type="button" className="btn btn--ghost btn--small" aria-label={t('kolscore.deleteOf', { pattern: rule.pattern })} data-testid="rule-delete" onClick={() => onDelete(rule)}>
              <Icon name="trash" />
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

function Group({ category, rules, ...actions }: { category: RiskCategory } & RuleListProps) {
  const t = useT();
  const title = t(`kolscore.category.${category}` satisfies MessageKey);
  const on = rules.filter((r) => r.enabled).length;
  return (
    <section className="card rule-group" data-testid={`rule-group-${category}`} aria-labelledby={`rule-group-${category}`}>
      <h2 className="card__title" id={`rule-group-${category}`}>
        {title} <span className="muted small">{t('kolscore.ruleCount', { on, count: rules.length })}</span>
      </h2>
      {rules.length === 0 ? (
        <p className="muted">{t(category === 'competitor' ? 'kolscore.emptyCompetitor' : 'kolscore.emptyCategory')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('kolscore.col.pattern')}</th>
                <th scope="col">{t('kolscore.col.region')}</th>
                <th scope="col">{t('kolscore.col.level')}</th>
                <th scope="col">{t('kolscore.col.on')}</th>
                <th scope="col">{t('kolscore.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <RuleRow key={r.id} rule={r} {...actions} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Every rule, grouped by category (agency rules after the shipped ones in each). */
export function RuleList({ rules, ...actions }: RuleListProps) {
  return (
    <>
      {RISK_CATEGORIES.filter((c) => c !== 'custom' || rules.some((r) => r.category === 'custom')).map((category) => (
        <Group key={category} category={category} rules={rules.filter((r) => r.category === category)} {...actions} />
      ))}
    </>
  );
}
