import { useEffect, useId, useState, type FormEvent } from 'react';
import { PHONE_COUNTRIES, type PhoneCountry, type VerificationView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

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
  const [phone, setPhone] = useState('');
  const language = useLanguage();
  const [country, setCountry] = useState<PhoneCountry>(language === 'zh-CN' ? 'CN' : 'TW');
  const countryId = useId();
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const wait = useCountdown(resendAt);
  const action = useAction();

  async function send() {
    // The cloud reads a local number in the chosen country and says which number it texted.
    if (!/\d{6}/.test(phone.replace(/\D/g, ''))) return setPhoneError(t('uifix.phone.err'));
    setPhoneError(undefined);
    const r = await action.run(() => api().call('profile.sendPhoneCode', { phone, country }));
    if (r) {
      setSentTo(r.phone);
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
            <div className="field">
              <label htmlFor={countryId} className="field__label">
                {t('uifix.phone.country')}
              </label>
              <select id={countryId} className="select" value={country} data-testid="phone-country" onChange={(e) => setCountry(e.target.value as PhoneCountry)}>
                {PHONE_COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`uifix.phone.country.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <TextField label={t('profile.phone.number')} value={phone} testId="phone-number" type="text" inputMode="tel" autoComplete="tel" error={phoneError} help={t('uifix.phone.help')} onChange={setPhone} />
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
