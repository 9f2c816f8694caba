import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { AccountView } from '../../../shared/wallet.js';
import { errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useT } from '../../i18n/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { asksForTotp, checkLogin, loginInput, type LoginDraft } from './loginForm.js';
import { LoginError } from './LoginError.js';
import { TextField } from './TextField.js';

/** Email, password, the authenticator code when the account needs one, and the cloud URL under Advanced. */
export function LoginForm({ account, onCreate, onForgot }: { account: AccountView; onCreate: () => void; onForgot: (email: string) => void }) {
  const t = useT();
  const login = useAccountStore((s) => s.login);
  const [draft, setDraft] = useState<LoginDraft>({ cloudUrl: account.cloudUrl, email: account.email ?? '', password: '', totp: '' });
  const [totpShown, setTotpShown] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const problems = checkLogin(draft, totpShown);
  const shown = submitted ? problems : {};
  const noStore = account.secretStore === null;
  const edit = (patch: Partial<LoginDraft>) => setDraft({ ...draft, ...patch });

  async function submit() {
    setSubmitted(true);
    if (Object.keys(problems).length > 0 || noStore) return;
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login(loginInput(draft, account.cloudUrl, totpShown));
      toastSuccess(translate('account.welcome', { email: signedIn.email ?? draft.email.trim() }));
    } catch (err) {
      const info = errorInfoOf(err);
      if (asksForTotp(info) && !totpShown) {
        setTotpShown(true);
        setSubmitted(false);
      }
      setError(info);
      setDraft((d) => ({ ...d, totp: '' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="card login-form"
      data-testid="login-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="card__title">{t('account.signIn')}</h2>
      <p className="muted">{t('account.signInIntro')}</p>
      {error ? <LoginError error={error} /> : null}
      <TextField
        label={t('account.email')}
        type="email"
        value={draft.email}
        autoComplete="username"
        maxLength={254}
        testId="login-email"
        error={shown.email ? t(shown.email) : undefined}
        onChange={(email) => edit({ email })}
      />
      <TextField
        label={t('account.password')}
        type="password"
        value={draft.password}
        autoComplete="current-password"
        maxLength={200}
        testId="login-password"
        error={shown.password ? t(shown.password) : undefined}
        onChange={(password) => edit({ password })}
      />
      {totpShown ? (
        <TextField
          label={t('account.totp')}
          value={draft.totp}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          autoFocus
          testId="login-totp"
          help={t('account.totpHelp')}
          error={shown.totp ? t(shown.totp) : undefined}
          onChange={(totp) => edit({ totp: totp.replace(/\D/g, '') })}
        />
      ) : null}
      <details className="login-form__advanced" open={shown.cloudUrl !== undefined || undefined}>
        <summary data-testid="login-advanced">{t('account.advanced')}</summary>
        <TextField
          label={t('account.cloudUrl')}
          type="url"
          value={draft.cloudUrl}
          maxLength={500}
          testId="login-cloud-url"
          help={t('account.cloudUrlHelp')}
          error={shown.cloudUrl ? t(shown.cloudUrl) : undefined}
          onChange={(cloudUrl) => edit({ cloudUrl })}
        />
      </details>
      <div className="login-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy || noStore} data-testid="login-submit">
          <Icon name="account" />
          {busy ? t('account.signingIn') : t('account.signIn')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={() => onForgot(draft.email.trim())} data-testid="login-forgot">
          {t('signup.forgot')}
        </button>
      </div>
      <div className="login-form__actions login-form__signup">
        <button type="button" className="btn btn--ghost" onClick={onCreate} data-testid="login-create">
          {t('signup.create')}
        </button>
      </div>
    </form>
  );
}
