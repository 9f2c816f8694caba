import { useState, type FormEvent } from 'react';
import type { EligibilityView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useT } from '../../i18n/index.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

/** A minor of 8–17: the guardian's name, relation and phone, and their consent, recorded by the cloud before any purchase. */
function GuardianForm({ onDone }: { onDone: (e: EligibilityView) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [relation, setRelation] = useState<'parent' | 'guardian'>('parent');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const action = useAction();
  const ready = name.trim().length > 0 && phone.trim().length >= 6 && consent;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const result = await action.run(() => api().call('boxes.guardianConsent', { guardianName: name.trim(), relation, guardianPhone: phone.trim(), consent: true }));
    if (result) {
      toastSuccess(translate('shop.guardian.saved'));
      onDone(result);
    }
  }

  return (
    <form className="guardian-form" data-testid="guardian-form" onSubmit={(e) => void submit(e)}>
      <div className="field-grid">
        <label className="field">
          <span className="field__label">{t('shop.guardian.name')}</span>
          <input className="input" data-testid="guardian-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('shop.guardian.relation')}</span>
          <select className="select" data-testid="guardian-relation" value={relation} onChange={(e) => setRelation(e.target.value === 'guardian' ? 'guardian' : 'parent')}>
            <option value="parent">{t('shop.guardian.parent')}</option>
            <option value="guardian">{t('shop.guardian.guardian')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('shop.guardian.phone')}</span>
          <input className="input" type="tel" data-testid="guardian-phone" value={phone} maxLength={40} onChange={(e) => setPhone(e.target.value)} />
        </label>
      </div>
      <label className="field-inline">
        <input type="checkbox" data-testid="guardian-consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>{t('shop.guardian.consent')}</span>
      </label>
      {action.error ? <FormError error={action.error} title={t('shop.guardian.failed')} testId="guardian-error" /> : null}
      <button type="submit" className="btn btn--primary" data-testid="guardian-submit" disabled={!ready || action.busy}>
        {t('shop.guardian.submit')}
      </button>
    </form>
  );
}

/**
 * Whether this buyer may buy, from the identity verification's birth date: no identity → Profile; under 8 →
 * never; 8–17 → a guardian's consent first. Nothing is shown for an adult.
 */
export function EligibilityBanner({ eligibility, onChange }: { eligibility: EligibilityView; onChange: (e: EligibilityView) => void }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const status = eligibility.status;
  if (status === 'ok') {
    return eligibility.guardian ? (
      <p className="muted" data-testid="eligibility-banner" data-status="ok">
        {t('shop.eligibility.guardianOnFile', { name: eligibility.guardian.name, relation: t(`shop.guardian.${eligibility.guardian.relation === 'guardian' ? 'guardian' : 'parent'}`) })}
      </p>
    ) : null;
  }
  if (status === 'needs_identity' || status === 'needs_birth_date') {
    return (
      <div className="box-banner box-banner--warn" role="status" data-testid="eligibility-banner" data-status={status}>
        <Icon name="account" />
        <p>{t(status === 'needs_identity' ? 'shop.eligibility.needsIdentity' : 'shop.eligibility.needsBirthDate')}</p>
        <button type="button" className="btn btn--primary btn--small" data-testid="eligibility-go-profile" onClick={() => go('profile')}>
          {t('shop.eligibility.goProfile')}
        </button>
      </div>
    );
  }
  if (status === 'under_min_age') {
    return (
      <div className="box-banner box-banner--stop" role="alert" data-testid="eligibility-banner" data-status={status}>
        <Icon name="warning" />
        <p>{t('shop.eligibility.underAge')}</p>
      </div>
    );
  }
  return (
    <div className="box-banner box-banner--warn" data-testid="eligibility-banner" data-status={status}>
      <Icon name="account" />
      <div>
        <p>{t('shop.eligibility.needsGuardian', { age: eligibility.age ?? '' })}</p>
        <GuardianForm onDone={onChange} />
      </div>
    </div>
  );
}
