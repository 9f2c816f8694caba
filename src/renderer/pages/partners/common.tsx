import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT, type MessageKey, type Translate } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';

/** The cloud's reason in the user's language when we know its code, with the attempts or wait that came with it; else main's message. */
export function cloudErrorText(error: ErrorInfo, t: Translate): string {
  const key = error.cloud ? (`cloudErr.${error.cloud.code}` as MessageKey) : null;
  const known = key ? t(key) : null;
  const parts = [known && known !== key ? known : error.message];
  if (error.cloud?.attemptsLeft !== undefined) parts.push(t('partners.attemptsLeft', { count: error.cloud.attemptsLeft }));
  if (error.cloud?.retryAfterSeconds !== undefined) parts.push(t('partners.retryAfter', { seconds: error.cloud.retryAfterSeconds }));
  return parts.join(' ');
}

/** A form's failure: our heading, the cloud's reason (and its own words when translated), what to do. */
export function FormError({ error, title, testId }: { error: ErrorInfo; title: string; testId: string }) {
  const t = useT();
  const text = cloudErrorText(error, t);
  return (
    <div className="error-panel form-error" role="alert" data-testid={testId} data-code={error.code} data-cloud-code={error.cloud?.code ?? ''}>
      <h3 className="error-panel__title">
        {title} — {errorTitle(error, t)}
      </h3>
      <p className="error-panel__message">{text}</p>
      {text !== error.message ? <p className="muted error-panel__detail">{error.message}</p> : null}
      {error.hint ? <p className="error-panel__hint">{t('error.hint', { hint: error.hint })}</p> : null}
    </div>
  );
}

/** Shows the page only when signed in; otherwise what to do. Loads the account first. */
export function SignedInOnly({ testId, children }: { testId: string; children: ReactNode }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const { account, error, load } = useAccountStore();
  if (!account) return error ? <ErrorPanel error={error} onRetry={() => void load()} /> : <SkeletonRows rows={5} testId={`${testId}-loading`} />;
  if (!account.signedIn) {
    return (
      <EmptyState
        icon="account"
        title={t('partners.signedOut.title')}
        body={t('partners.signedOut.body')}
        testId={`${testId}-signed-out`}
        action={
          <button type="button" className="btn btn--primary" data-testid={`${testId}-go-account`} onClick={() => go('account')}>
            <Icon name="account" />
            {t('partners.signedOut.action')}
          </button>
        }
      />
    );
  }
  return <>{children}</>;
}

/** Copies text, falling back to selecting it. */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.focus();
    input?.select();
    return false;
  }
}

export const twd = (credits: number, creditsPerTwd = 10): number => Math.floor(credits / creditsPerTwd);
