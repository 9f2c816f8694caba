import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { AccountView } from '../../../shared/wallet.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { FormError } from '../partners/common.js';
import { checkSignup, type SignupDraft } from './signupForm.js';
import { TextField } from './TextField.js';

/** Email, password, an optional nickname and referral code (prefilled from a referral link). */
export function SignupForm({ account, onSent, onBack }: { account: AccountView; onSent: (email: string) => void; onBack: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [draft, setDraft] = useState<SignupDraft>({ email: '', password: '', nickname: '', referralCode: '' });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const edit = (patch: Partial<SignupDraft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    // The app opened from an invitation link (kingjam://signup?ref=…) hands its code over once.
    void api()
      .call('account.pendingReferral', {})
      .then(({ code }) => {
        if (code) setDraft((d) => (d.referralCode ? d : { ...d, referralCode: code }));
      })
      .catch(() => undefined);
  }, []);

  const problems = checkSignup(draft);
  const shown = submitted ? problems : {};

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0 || account.secretStore === null) return;
    setBusy(true);
    setError(null);
    try {
      const email = draft.email.trim();
      await api().call('account.register', {
        email,
        password: draft.password,
        locale: language,
        ...(draft.nickname.trim() ? { nickname: draft.nickname.trim() } : {}),
        ...(draft.referralCode.trim() ? { referralCode: draft.referralCode.trim() } : {}),
      });
      onSent(email);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card login-form"
      data-testid="signup-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="card__title">{t('signup.title')}</h2>
      <p className="muted">{t('signup.intro')}</p>
      {error ? <FormError error={error} title={t('signup.failed')} testId="signup-error" /> : null}
      <TextField label={t('account.email')} type="email" value={draft.email} autoComplete="email" maxLength={254} testId="signup-email" error={shown.email ? t(shown.email) : undefined} onChange={(email) => edit({ email })} />
      <TextField
        label={t('signup.password')}
        type="password"
        value={draft.password}
        autoComplete="new-password"
        maxLength={200}
        testId="signup-password"
        help={t('signup.passwordHelp')}
        error={shown.password ? t(shown.password) : undefined}
        onChange={(password) => edit({ password })}
      />
      <TextField label={t('signup.nickname')} value={draft.nickname} autoComplete="nickname" maxLength={40} testId="signup-nickname" help={t('signup.nicknameHelp')} onChange={(nickname) => edit({ nickname })} />
      <TextField
        label={t('signup.referral')}
        value={draft.referralCode}
        maxLength={32}
        testId="signup-referral"
        help={t('signup.referralHelp')}
        error={shown.referralCode ? t(shown.referralCode) : undefined}
        onChange={(referralCode) => edit({ referralCode: referralCode.toUpperCase() })}
      />
      <div className="login-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy || account.secretStore === null} data-testid="signup-submit">
          <Icon name="account" />
          {busy ? t('signup.submitting') : t('signup.submit')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onBack} data-testid="signup-back">
          {t('signup.haveAccount')}
        </button>
      </div>
    </form>
  );
}
