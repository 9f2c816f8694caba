import { useState, type FormEvent } from 'react';
import type { TotpEnrolment, VerificationView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { QrCode } from '../../components/QrCode.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

const SIX_DIGITS = /^\d{6}$/;

/**
 * Two-factor enrolment, or a change of authenticator when it is on. The cloud re-checks the password
 * (and, for a change, the current code) before it gives a new secret, and the password again with the
 * new secret's first code; the password stays in this card's state only until then.
 */
export function TotpCard({ v, onChange }: { v: VerificationView; onChange: (v: VerificationView) => void }) {
  const t = useT();
  const [changing, setChanging] = useState(false);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ password?: string; current?: string; code?: string }>({});
  const action = useAction();

  async function start(event: FormEvent) {
    event.preventDefault();
    const found = {
      ...(password ? {} : { password: t('profile.totp.err.password') }),
      ...(v.totpEnabled && !SIX_DIGITS.test(current) ? { current: t('withdraw.err.totp') } : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const e = await action.run(() => api().call('profile.enrollTotp', { password, ...(v.totpEnabled ? { totp: current } : {}) }));
    setCurrent('');
    if (e) setEnrolment(e);
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!SIX_DIGITS.test(code)) return setErrors({ code: t('withdraw.err.totp') });
    setErrors({});
    const next = await action.run(() => api().call('profile.verifyTotp', { code, password }));
    setCode('');
    if (next) {
      setEnrolment(null);
      setChanging(false);
      setPassword('');
      toastSuccess(translate('profile.totp.done'));
      onChange(next);
    }
  }

  function cancelChange() {
    setChanging(false);
    setPassword('');
    setCurrent('');
    setErrors({});
  }

  const askingPassword = !enrolment && (!v.totpEnabled || changing);
  return (
    <section className="card" data-testid="profile-totp">
      <h2 className="card__title">
        {t('profile.totp.title')}
        <span className={v.totpEnabled ? 'badge badge--succeeded' : 'badge badge--queued'} data-testid="totp-status" data-enabled={v.totpEnabled}>
          {v.totpEnabled ? t('profile.totp.badgeOn') : t('profile.totp.badgeOff')}
        </span>
      </h2>
      {v.totpEnabled && !enrolment ? <p data-testid="totp-on">{t('profile.totp.on')}</p> : null}
      {!v.totpEnabled && !enrolment ? <p className="muted">{t('profile.totp.off')}</p> : null}
      {enrolment ? (
        <form className="totp-enrol" noValidate onSubmit={(e) => void verify(e)} data-testid="totp-enrol">
          <p className="muted">{t('profile.totp.scan')}</p>
          <QrCode text={enrolment.otpauthUrl} label={t('profile.totp.qr')} testId="totp-qr" />
          <p>
            {t('profile.totp.secret')}: <code className="mono" data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <TextField label={t('profile.totp.code')} value={code} testId="totp-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" error={errors.code} onChange={setCode} />
          <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="totp-verify">
            {t('profile.totp.verify')}
          </button>
        </form>
      ) : askingPassword ? (
        <form className="totp-enrol" noValidate onSubmit={(e) => void start(e)} data-testid="totp-auth">
          <p className="muted">{t('profile.totp.reviewHelp')}</p>
          <TextField label={t('profile.totp.password')} type="password" value={password} testId="totp-password" autoComplete="current-password" help={t('profile.totp.passwordHelp')} error={errors.password} onChange={setPassword} />
          {v.totpEnabled ? (
            <TextField label={t('profile.totp.currentCode')} value={current} testId="totp-current" inputMode="numeric" maxLength={6} autoComplete="one-time-code" error={errors.current} onChange={setCurrent} />
          ) : null}
          <div className="copy-row">
            <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="totp-start">
              {v.totpEnabled ? t('profile.totp.continue') : t('profile.totp.start')}
            </button>
            {changing ? (
              <button type="button" className="btn btn--ghost" data-testid="totp-change-cancel" onClick={cancelChange}>
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <button type="button" className="btn btn--ghost" data-testid="totp-change" onClick={() => setChanging(true)}>
          {t('profile.totp.change')}
        </button>
      )}
      {action.error ? <FormError error={action.error} title={t('profile.totp.failed')} testId="totp-error" /> : null}
    </section>
  );
}
