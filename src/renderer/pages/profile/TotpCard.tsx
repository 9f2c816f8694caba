import { useState, type FormEvent } from 'react';
import type { TotpEnrolment, VerificationView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { QrCode } from '../../components/QrCode.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

/** Two-factor enrolment: the otpauth QR code and key, then a code from the app to turn it on. */
export function TotpCard({ v, onChange }: { v: VerificationView; onChange: (v: VerificationView) => void }) {
  const t = useT();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const action = useAction();

  async function start() {
    const e = await action.run(() => api().call('profile.enrollTotp', {}));
    if (e) setEnrolment(e);
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) return setCodeError(t('withdraw.err.totp'));
    setCodeError(undefined);
    const next = await action.run(() => api().call('profile.verifyTotp', { code }));
    setCode('');
    if (next) {
      setEnrolment(null);
      toastSuccess(translate('profile.totp.done'));
      onChange(next);
    }
  }

  return (
    <section className="card" data-testid="profile-totp">
      <h2 className="card__title">
        {t('profile.totp.title')}
        <span className={v.totpEnabled ? 'badge badge--succeeded' : 'badge badge--queued'} data-testid="totp-status" data-enabled={v.totpEnabled}>
          {v.totpEnabled ? t('profile.totp.badgeOn') : t('profile.totp.badgeOff')}
        </span>
      </h2>
      {v.totpEnabled ? (
        <p data-testid="totp-on">{t('profile.totp.on')}</p>
      ) : enrolment ? (
        <form className="totp-enrol" noValidate onSubmit={(e) => void verify(e)} data-testid="totp-enrol">
          <p className="muted">{t('profile.totp.scan')}</p>
          <QrCode text={enrolment.otpauthUrl} label={t('profile.totp.qr')} testId="totp-qr" />
          <p>
            {t('profile.totp.secret')}: <code className="mono" data-testid="totp-secret">{enrolment.secret}</code>
          </p>
          <TextField label={t('profile.totp.code')} value={code} testId="totp-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" error={codeError} onChange={setCode} />
          <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="totp-verify">
            {t('profile.totp.verify')}
          </button>
        </form>
      ) : (
        <>
          <p className="muted">{t('profile.totp.off')}</p>
          <button type="button" className="btn btn--primary" disabled={action.busy} data-testid="totp-start" onClick={() => void start()}>
            {t('profile.totp.start')}
          </button>
        </>
      )}
      {action.error ? <FormError error={action.error} title={t('profile.totp.failed')} testId="totp-error" /> : null}
    </section>
  );
}
