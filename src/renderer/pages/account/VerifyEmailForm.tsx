import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { toastInfo, toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { codeProblem, digits } from './signupForm.js';
import { TextField } from './TextField.js';

/** The cloud lets a new code go out once a minute. */
const RESEND_AFTER_S = 60;

/** The 6-digit code from the email (it signs in), and a new code when it did not arrive. */
export function VerifyEmailForm({ email, signedIn, onBack }: { email: string; signedIn: boolean; onBack?: () => void }) {
  const t = useT();
  const language = useLanguage();
  const verify = useAccountStore((s) => s.verifyEmail);
  const [code, setCode] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [wait, setWait] = useState(signedIn ? 0 : RESEND_AFTER_S);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const problem = codeProblem(code);

  async function submit() {
    setSubmitted(true);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const account = await verify({ email, code: code.trim() });
      toastSuccess(translate('signup.verified', { email: account.email ?? email }));
    } catch (err) {
      setError(errorInfoOf(err));
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  async function resend() {
    setError(null);
    try {
      await api().call('account.resendVerification', { email, locale: language });
      toastInfo(translate('signup.resent'));
      setWait(RESEND_AFTER_S);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }

  return (
    <form
      className="card login-form"
      data-testid="verify-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="card__title">{signedIn ? t('signup.unverifiedTitle') : t('signup.verifyTitle')}</h2>
      <p className="muted" data-testid="verify-intro">
        {signedIn ? t('signup.unverifiedBody', { email }) : t('signup.verifyIntro', { email })}
      </p>
      {error ? <FormError error={error} title={t('signup.verifyFailed')} testId="verify-error" /> : null}
      <TextField
        label={t('signup.code')}
        value={code}
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        autoFocus={!signedIn}
        testId="verify-code"
        error={submitted && problem ? t(problem) : undefined}
        onChange={(value) => setCode(digits(value))}
      />
      <div className="login-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="verify-submit">
          <Icon name="check" />
          {busy ? t('signup.verifying') : t('signup.verify')}
        </button>
        <button type="button" className="btn btn--ghost" disabled={wait > 0} onClick={() => void resend()} data-testid="verify-resend">
          {wait > 0 ? t('signup.resendWait', { seconds: wait }) : t('signup.resend')}
        </button>
        {onBack ? (
          <button type="button" className="btn btn--ghost" onClick={onBack} data-testid="verify-back">
            {t('signup.back')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
