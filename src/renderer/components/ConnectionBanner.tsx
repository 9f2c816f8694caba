import { useT } from '../i18n/index.js';
import { useConnectionStore } from '../stores/connectionStore.js';

/** Shown while main's live events are not reaching the page. */
export function ConnectionBanner() {
  const t = useT();
  const state = useConnectionStore((s) => s.state);
  if (state === 'open' || state === 'connecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {t('conn.closed')}
    </div>
  );
}
