import { useEffect } from 'react';
import type { AccountNotice } from '../../shared/partners.js';
import { api } from '../api/index.js';
import { t, useLanguageStore } from '../i18n/index.js';
import { platformLabel } from '../lib/connectionPlatforms.js';
import { formatDateTime } from '../lib/format.js';
import { useAccountStore } from '../stores/accountStore.js';
import { useToastStore } from '../stores/toastStore.js';

/** The cloud's refresh job runs hourly; a minute's delay in telling the user is plenty. */
const POLL_MS = 60_000;

function announce(n: AccountNotice): void {
  const at = (ms: number) => formatDateTime(ms, useLanguageStore.getState().language);
  const show = useToastStore.getState().show;
  switch (n.kind) {
    case 'connection_needs_reconnect':
      show({
        kind: 'error',
        title: t('notices.reconnect.title', { platform: platformLabel(n.platform, t) }),
        body: t('notices.reconnect.body', { name: n.displayName, reason: n.reason }),
        hint: t('notices.reconnect.hint'),
      });
      return;
    case 'withdrawals_locked':
      show({ kind: 'error', title: t('notices.withdrawalsLocked.title'), body: t('notices.withdrawalsLocked.body', { time: at(n.lockedUntil) }), hint: t('notices.security.hint') });
      return;
    case 'totp_changed':
      show({
        kind: 'info',
        title: n.first ? t('notices.totpOn.title') : t('notices.totpChanged.title'),
        body: t('notices.totpChanged.body', { time: at(n.reviewUntil) }),
        hint: t('notices.security.hint'),
      });
  }
}

/**
 * While signed in, asks the cloud for unread notices (a connection whose token refresh failed;
 * withdrawals locked by wrong codes; 2FA turned on or changed), shows each once as a toast and marks
 * it read; the Connections page keeps showing the broken connection until it is reconnected.
 * Offline or refused, it quietly tries again next time.
 */
export function useCloudNotices(): void {
  const signedIn = useAccountStore((s) => s.account?.signedIn ?? false);
  useEffect(() => {
    if (!signedIn) return;
    const shown = new Set<string>();
    let stopped = false;
    async function poll() {
      try {
        const fresh = (await api().call('notices.unread', {})).filter((n) => !shown.has(n.id));
        if (stopped || fresh.length === 0) return;
        for (const n of fresh) {
          shown.add(n.id);
          announce(n);
        }
        await api().call('notices.markRead', { ids: fresh.map((n) => n.id) });
      } catch {
        // Offline, or the session is being renewed: the next poll asks again (shown ones are not repeated).
      }
    }
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [signedIn]);
}
