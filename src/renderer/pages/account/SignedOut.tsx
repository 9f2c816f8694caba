import { useState } from 'react';
import type { AccountView } from '../../../shared/wallet.js';
import { LoginForm } from './LoginForm.js';
import { NoSecretStore } from './NoSecretStore.js';
import { ResetPasswordForm } from './ResetPasswordForm.js';
import { SignupForm } from './SignupForm.js';
import { VerifyEmailForm } from './VerifyEmailForm.js';

type Mode = { kind: 'login' } | { kind: 'signup' } | { kind: 'verify'; email: string } | { kind: 'reset'; email: string };

/** Signed out: sign in, create an account (then the mailed code), or reset a forgotten password. */
export function SignedOut({ account }: { account: AccountView }) {
  const [mode, setMode] = useState<Mode>({ kind: 'login' });
  const toLogin = () => setMode({ kind: 'login' });
  return (
    <>
      {account.secretStore === null ? <NoSecretStore /> : null}
      {mode.kind === 'login' ? <LoginForm account={account} onCreate={() => setMode({ kind: 'signup' })} onForgot={(email) => setMode({ kind: 'reset', email })} /> : null}
      {mode.kind === 'signup' ? <SignupForm account={account} onSent={(email) => setMode({ kind: 'verify', email })} onBack={toLogin} /> : null}
      {mode.kind === 'verify' ? <VerifyEmailForm email={mode.email} signedIn={false} onBack={toLogin} /> : null}
      {mode.kind === 'reset' ? <ResetPasswordForm initialEmail={mode.email} onDone={toLogin} onBack={toLogin} /> : null}
    </>
  );
}
