import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { useNavigationStore } from '../../stores/navigationStore.js';

/** A form's failure: our heading, the cloud's reason by its code (with the attempts or wait that came with it), what to do. */
export function FormError({ error, title, testId }: { error: ErrorInfo; title: string; testId: string }) {
  const t = useT();
  return (
    <div className="error-panel form-error" role="alert" data-testid={testId} data-code={error.code} data-cloud-code={error.cloud?.code ?? ''}>
      <h3 className="error-panel__title">
        {title} — {errorTitle(error, t)}
      </h3>
      <ErrorText error={error} />
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
