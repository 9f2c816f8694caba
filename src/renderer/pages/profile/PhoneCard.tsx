import { useEffect, useState, type FormEvent } from 'react';
import type { VerificationView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

const E164 = /^\+[1-9][0-9]{7,14}$/;

/** Seconds until a deadline, ticking every second. */
function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - now) / 1000)) : 0;
}

/** Phone verification: send a code (with the resend countdown), then confirm it. */
export function PhoneCard({ v, onChange }: { v: VerificationView; onChange: (v: VerificationView) => void }) {
  const t = useT();
  const [phone, setPhone] = useState('+886');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const wait = useCountdown(resendAt);
  const action = useAction();

  async function send() {
    const p = phone.replace(/[\s-]/g, '');
    if (!E164.test(p)) return setPhoneError(t('profile.phone.err'));
    setPhoneError(undefined);
    const r = await action.run(() => api().call('profile.sendPhoneCode', { phone: p }));
    if (r) {
      setSentTo(p);
      setResendAt(Date.now() + r.resendAfter * 1000);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code)) return setCodeError(t('withdraw.err.totp'));
    setCodeError(undefined);
    const next = await action.run(() => api().call('profile.confirmPhone', { code }));
    setCode('');
    if (next) {
      toastSuccess(translate('profile.phone.done'));
      onChange(next);
    }
  }

  return (
    <section className="card" data-testid="profile-phone">
      <h2 className="card__title">
        {t('profile.phone.title')}
        <span className={v.phone.verified ? 'badge badge--succeeded' : 'badge badge--queued'} data-testid="phone-status" data-verified={v.phone.verified}>
          {v.phone.verified ? t('profile.verified') : t('profile.notVerified')}
        </span>
      </h2>
      {v.phone.verified ? (
        <p data-testid="phone-verified">{v.phone.phone}</p>
      ) : (
        <>
          <div className="copy-row">
            <TextField label={t('profile.phone.number')} value={phone} testId="phone-number" type="text" inputMode="tel" autoComplete="tel" error={phoneError} help={t('profile.phone.help')} onChange={setPhone} />
            <button type="button" className="btn btn--ghost" disabled={action.busy || wait > 0} data-testid="phone-send" onClick={() => void send()}>
              {wait > 0 ? t('profile.phone.resendIn', { seconds: wait }) : sentTo ? t('profile.phone.resend') : t('profile.phone.send')}
            </button>
          </div>
          {sentTo ? (
            <form className="copy-row" noValidate onSubmit={(e) => void confirm(e)}>
              <p className="muted" data-testid="phone-sent">
                {t('profile.phone.sent', { phone: sentTo })}
              </p>
              <TextField label={t('profile.phone.code')} value={code} testId="phone-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" error={codeError} onChange={setCode} />
              <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="phone-confirm">
                {t('profile.phone.confirm')}
              </button>
            </form>
          ) : null}
          {action.error ? <FormError error={action.error} title={t('profile.phone.failed')} testId="phone-error" /> : null}
        </>
      )}
    </section>
  );
}
