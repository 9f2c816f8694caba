import { useEffect } from 'react';
import type { ConnectionNotice } from '../../shared/partners.js';
import { api } from '../api/index.js';
import { t } from '../i18n/index.js';
import { platformLabel } from '../lib/connectionPlatforms.js';
import { useAccountStore } from '../stores/accountStore.js';
import { useToastStore } from '../stores/toastStore.js';

/** The cloud's refresh job runs hourly; a minute's delay in telling the user is plenty. */
const POLL_MS = 60_000;

function announce(n: ConnectionNotice): void {
  useToastStore.getState().show({
    kind: 'error',
    title: t('notices.reconnect.title', { platform: platformLabel(n.platform, t) }),
    body: t('notices.reconnect.body', { name: n.displayName, reason: n.reason }),
    hint: t('notices.reconnect.hint'),
  });
}

/**
 * While signed in, asks the cloud for unread notices (a connection whose token refresh failed),
 * shows each once as a toast and marks it read; the Connections page keeps showing the broken
 * connection until it is reconnected. Offline or refused, it quietly tries again next time.
 */
export function useConnectionNotices(): void {
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
