import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { codeProblem, digits, emailProblem, newPasswordProblem } from './signupForm.js';
import { TextField } from './TextField.js';

function withoutUndefined<T extends Record<string, MessageKey | undefined>>(o: T): Partial<Record<keyof T, MessageKey>> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<Record<keyof T, MessageKey>>;
}

/** Forgot password: the email first, then the mailed code with the new password (every session ends). */
export function ResetPasswordForm({ initialEmail, onDone, onBack }: { initialEmail: string; onDone: (email: string) => void; onBack: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [email, setEmail] = useState(initialEmail);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const problems: Partial<Record<'email' | 'code' | 'password', MessageKey>> = sentTo ? withoutUndefined({ code: codeProblem(code), password: newPasswordProblem(password) }) : withoutUndefined({ email: emailProblem(email) });
  const shown = submitted ? problems : {};

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      if (!sentTo) {
        await api().call('account.requestPasswordReset', { email: email.trim(), locale: language });
        setSentTo(email.trim());
        setSubmitted(false);
      } else {
        await api().call('account.confirmPasswordReset', { email: sentTo, code: code.trim(), password });
        // This device was signed out with every other one.
        await useAccountStore.getState().load();
        toastSuccess(translate('reset.done'));
        onDone(sentTo);
      }
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card login-form"
      data-testid="reset-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="card__title">{t('reset.title')}</h2>
      <p className="muted" data-testid="reset-intro">
        {sentTo ? t('reset.codeIntro', { email: sentTo }) : t('reset.intro')}
      </p>
      {error ? <FormError error={error} title={t('reset.failed')} testId="reset-error" /> : null}
      {sentTo ? (
        <>
          <TextField
            label={t('signup.code')}
            value={code}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            autoFocus
            testId="reset-code"
            error={shown.code ? t(shown.code) : undefined}
            onChange={(value) => setCode(digits(value))}
          />
          <TextField
            label={t('reset.newPassword')}
            type="password"
            value={password}
            autoComplete="new-password"
            maxLength={200}
            testId="reset-password"
            help={t('signup.passwordHelp')}
            error={shown.password ? t(shown.password) : undefined}
            onChange={setPassword}
          />
        </>
      ) : (
        <TextField label={t('account.email')} type="email" value={email} autoComplete="username" maxLength={254} testId="reset-email" error={shown.email ? t(shown.email) : undefined} onChange={setEmail} />
      )}
      <div className="login-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="reset-submit">
          <Icon name={sentTo ? 'check' : 'sync'} />
          {sentTo ? (busy ? t('reset.confirming') : t('reset.confirm')) : busy ? t('reset.sending') : t('reset.send')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onBack} data-testid="reset-back">
          {t('signup.back')}
        </button>
      </div>
    </form>
  );
}
