import { useState } from 'react';
import type { ConnectionView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { useLoad } from '../partners/useCall.js';
import { platformLabel } from '../../lib/connectionPlatforms.js';
import { ConnectDialog } from './ConnectDialog.js';

/**
 * Every connection (of any client) whose token refresh failed, with the platform's reason and a
 * Reconnect button: publishing to it stops until it is reconnected, so it is shown above the lists.
 */
export function ReconnectBanner({ clientNames, onReconnected }: { clientNames: Map<string, string>; onReconnected: () => void }) {
  const t = useT();
  const all = useLoad(() => api().call('connections.list', {}));
  const [reconnecting, setReconnecting] = useState<ConnectionView | null>(null);
  const broken = (all.data ?? []).filter((c) => c.status === 'needs_reconnect');
  if (broken.length === 0) return null;
  return (
    <div className="notice notice--warning reconnect-banner" role="alert" data-testid="reconnect-banner">
      <Icon name="warning" />
      <div>
        <h3 className="notice__title">{t('connections.banner.title', { count: broken.length })}</h3>
        <ul className="reconnect-banner__list">
          {broken.map((c) => (
            <li key={c.id} data-testid="reconnect-item" data-connection={c.id}>
              <span className="notice__body">
                {t('connections.banner.item', {
                  name: c.displayName,
                  platform: platformLabel(c.platform, t),
                  client: c.clientId ? (clientNames.get(c.clientId) ?? '') : t('connections.own'),
                })}
                {' — '}
                <span data-testid="reconnect-reason">{c.lastError ?? t('connections.banner.noReason')}</span>
              </span>
              <button type="button" className="btn btn--primary btn--small" data-testid="reconnect-now" onClick={() => setReconnecting(c)}>
                <Icon name="sync" />
                {t('connections.reconnect')}
              </button>
            </li>
          ))}
        </ul>
      </div>
      {reconnecting ? (
        <ConnectDialog
          clientId={reconnecting.clientId}
          reconnect={reconnecting}
          onClose={() => setReconnecting(null)}
          onConnected={(c) => {
            setReconnecting(null);
            toastSuccess(translate('connections.connected', { name: c.displayName }));
            void all.reload();
            onReconnected();
          }}
        />
      ) : null}
    </div>
  );
}
