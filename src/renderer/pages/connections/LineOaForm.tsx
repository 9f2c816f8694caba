import { useState, type FormEvent } from 'react';
import type { ConnectionView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { TextField } from '../account/TextField.js';
import type { useAction } from '../partners/useCall.js';

interface Props {
  clientId: string | null;
  action: ReturnType<typeof useAction>;
  onConnected: (c: ConnectionView) => void;
}

/**
 * A LINE Official Account by its channel access token: the cloud checks it with
 * LINE and keeps it encrypted (it never stays on this computer). Submitted by the
 * dialog's Connect button (form id `connect-form`).
 */
export function LineOaForm({ clientId, action, onConnected }: Props) {
  const t = useT();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = token.trim();
    if (value.length < 20 || /\s/.test(value)) return setError(t('relay.lineOa.err.token'));
    setError(undefined);
    const c = await action.run(() => api().call('connections.lineOa', { channelAccessToken: value, ...(clientId ? { clientId } : {}) }));
    if (c) onConnected(c);
  }

  return (
    <form id="connect-form" noValidate onSubmit={(e) => void submit(e)} data-testid="line-oa-form">
      <p className="muted">{t('relay.lineOa.intro')}</p>
      <TextField label={t('relay.lineOa.token')} value={token} testId="line-oa-token" type="password" autoComplete="off" error={error} help={t('relay.lineOa.help')} onChange={setToken} />
    </form>
  );
}
