import { useCallback, useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { RiskRule } from '../../../shared/kol/scores.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { confirm } from '../../stores/confirmStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { RuleEditor } from './RuleEditor.js';
import { RuleList } from './RuleList.js';
import { TestBox } from './TestBox.js';

/**
 * 風險規則 / Risk rules: what every draft is checked for — the shipped rules
 * for Taiwan and the mainland (switch on/off) and the agency's own (add, edit,
 * delete) — with a test box that scores a pasted text against them live.
 */
export function RiskRulesPage() {
  const t = useT();
  const [rules, setRules] = useState<RiskRule[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [editing, setEditing] = useState<RiskRule | 'new' | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  // Bumped on every change so the test box scores again with the new rules.
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setRules(await api().call('kol.rules.list', {}));
      setError(null);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = (next: RiskRule[]) => {
    setRules(next);
    setVersion((v) => v + 1);
  };

  async function toggle(rule: RiskRule, enabled: boolean) {
    try {
      const updated = await api().call('kol.rules.toggle', { id: rule.id, enabled });
      changed((rules ?? []).map((r) => (r.id === updated.id ? updated : r)));
    } catch (err) {
      toastError(errorInfoOf(err), t('kolscore.saveFailed'));
    }
  }

  async function remove(rule: RiskRule) {
    const ok = await confirm({ title: t('kolscore.deleteTitle'), body: t('kolscore.deleteBody', { pattern: rule.pattern }), confirmLabel: t('common.delete'), danger: true });
    if (!ok) return;
    try {
      await api().call('kol.rules.delete', { id: rule.id });
      changed((rules ?? []).filter((r) => r.id !== rule.id));
      toastSuccess(t('kolscore.deleted'));
    } catch (err) {
      toastError(errorInfoOf(err), t('kolscore.saveFailed'));
    }
  }

  async function reset(scope: 'switches' | 'all') {
    setResetOpen(false);
    try {
      changed(await api().call('kol.rules.reset', { scope }));
      toastSuccess(t('kolscore.resetDone'));
    } catch (err) {
      toastError(errorInfoOf(err), t('kolscore.saveFailed'));
    }
  }

  function saved(rule: RiskRule) {
    const list = rules ?? [];
    changed(list.some((r) => r.id === rule.id) ? list.map((r) => (r.id === rule.id ? rule : r)) : [...list, rule]);
    setEditing(null);
  }

  function body() {
    if (error && !rules) return <ErrorPanel error={error} onRetry={() => void load()} testId="rules-error" />;
    if (!rules) return <SkeletonRows rows={6} testId="rules-loading" />;
    return <RuleList rules={rules} onToggle={(r, on) => void toggle(r, on)} onEdit={(r) => setEditing(r)} onDelete={(r) => void remove(r)} />;
  }

  return (
    <section className="page" data-testid="page-kol-rules">
      <PageHeader
        title={t('kolscore.title')}
        subtitle={t('kolscore.subtitle')}
        actions={
          <>
            <button type="button" className="btn btn--ghost" data-testid="rules-reset" onClick={() => setResetOpen(true)}>
              <Icon name="retry" />
              {t('kolscore.reset')}
            </button>
            <button type="button" className="btn btn--primary" data-testid="rules-add" onClick={() => setEditing('new')}>
              <Icon name="plus" />
              {t('kolscore.add')}
            </button>
          </>
        }
      />
      <div className="rules-layout">
        <div className="rules-layout__list">{body()}</div>
        <div className="rules-layout__test">
          <TestBox version={version} />
        </div>
      </div>
      {editing ? <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {resetOpen ? (
        <Dialog
          title={t('kolscore.resetTitle')}
          onClose={() => setResetOpen(false)}
          testId="rules-reset-dialog"
          footer={
            <>
              <button type="button" className="btn btn--ghost" data-autofocus="" onClick={() => setResetOpen(false)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--ghost" data-testid="rules-reset-switches" onClick={() => void reset('switches')}>
                {t('kolscore.resetToggles')}
              </button>
              <button type="button" className="btn btn--danger" data-testid="rules-reset-all" onClick={() => void reset('all')}>
                {t('kolscore.resetAll')}
              </button>
            </>
          }
        >
          <p>{t('kolscore.resetBody')}</p>
        </Dialog>
      ) : null}
    </section>
  );
}
