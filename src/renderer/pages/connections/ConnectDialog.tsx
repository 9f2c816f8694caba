import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { parseOAuthRedirect, type ConnectionView, type OAuthCompleted, type OAuthPlatform, type OAuthStart, type Platform } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { openTarget } from '../../api/open.js';
import { Dialog } from '../../components/Dialog.js';
import { useT } from '../../i18n/index.js';
import { PLATFORMS, platformLabel } from '../../lib/connectionPlatforms.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { LineOaForm } from './LineOaForm.js';

/** Opens the platform's sign-in page: the system browser on the desktop, a new tab in a browser. */
async function openInBrowser(url: string): Promise<void> {
  await openTarget({ kind: 'url', url });
}

interface Props {
  clientId: string | null;
  /** Reconnecting: the platform is fixed (and WordPress prefilled). */
  reconnect?: ConnectionView | undefined;
  onClose: () => void;
  onConnected: (c: ConnectionView) => void;
}

/**
 * Connect (or reconnect) an account: OAuth opens the platform in the browser
 * and, while main listens at the redirect address, finishes by itself when the
 * browser comes back (connections.oauthCompleted); the address it redirected
 * to (or its code and state) can always be pasted instead. WordPress takes the
 * site, a username and an application password; a LINE Official Account its
 * channel access token.
 */
export function ConnectDialog({ clientId, reconnect, onClose, onConnected }: Props) {
  const t = useT();
  const [platform, setPlatform] = useState<Platform>((reconnect?.platform as Platform | undefined) ?? 'meta');
  const [started, setStarted] = useState<OAuthStart | null>(null);
  const [redirect, setRedirect] = useState('');
  const [code, setCode] = useState('');
  const [state, setState] = useState('');
  const [site, setSite] = useState(reconnect?.platform === 'wordpress' ? reconnect.accountId.split('#')[0] ?? '' : '');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [completion, setCompletion] = useState<OAuthCompleted | null>(null);
  const [flowError, setFlowError] = useState<ErrorInfo | null>(null);
  const [manualOpen, setManualOpen] = useState(false);
  const [pastedFor, setPastedFor] = useState<string | null>(null);
  const action = useAction();
  const client = clientId ? { clientId } : {};
  const connected = useRef(onConnected);
  connected.current = onConnected;

  // Subscribed from the start, so an answer that arrives before the dialog has shown the flow is not lost.
  useEffect(() => api().on('connections.oauthCompleted', setCompletion), []);

  useEffect(() => {
    if (!completion || completion.flowId !== started?.flowId) return;
    if (completion.ok) connected.current(completion.connection);
    else setFlowError(completion.error);
  }, [completion, started]);

  // Closing the dialog (or starting over) stops main from listening for this attempt.
  useEffect(() => {
    if (!started?.listening) return;
    return () => void api().call('connections.oauthCancel', { flowId: started.flowId }).catch(() => undefined);
  }, [started]);

  // Listening until the browser's answer arrives or the address of this attempt is pasted (main stops listening then too).
  const waiting = Boolean(started?.listening) && completion?.flowId !== started?.flowId && pastedFor !== started?.flowId;
  // Platforms connected by a form of credentials rather than a sign-in in the browser.
  const byForm = platform === 'wordpress' || platform === 'line-oa';

  async function start() {
    setFlowError(null);
    const s = await action.run(async () => {
      const r = await api().call('connections.oauthStart', { platform: platform as OAuthPlatform, ...client });
      await openInBrowser(r.authorizeUrl);
      return r;
    });
    if (s) {
      setStarted(s);
      setState('');
      setManualOpen(false);
    }
  }

  async function finish(event: FormEvent) {
    event.preventDefault();
    const fromUrl = redirect.trim() ? parseOAuthRedirect(redirect) : null;
    if (redirect.trim() && !fromUrl) return setErrors({ redirect: t('connections.oauth.badUrl') });
    const pair = fromUrl ?? { code: code.trim(), state: state.trim() || started?.state || '' };
    if (!pair.code || !pair.state) return setErrors({ redirect: t('connections.oauth.badUrl') });
    setErrors({});
    if (started && pair.state === started.state) setPastedFor(started.flowId);
    const c = await action.run(() => api().call('connections.oauthFinish', pair));
    if (c) onConnected(c);
  }

  async function wordpress(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^https?:\/\/\S+$/.test(site.trim())) found.site = t('connections.wp.err.site');
    if (!user.trim()) found.user = t('connections.wp.err.user');
    if (password.length < 8) found.password = t('connections.wp.err.password');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const c = await action.run(() => api().call('connections.wordpress', { siteUrl: site.trim(), username: user.trim(), appPassword: password, ...client }));
    if (c) onConnected(c);
  }

  const manual = started ? (
    <>
      <p className="muted">{t('connections.oauth.paste', { redirect: started.redirectUri })}</p>
      <TextField label={t('connections.oauth.url')} value={redirect} testId="oauth-redirect" type="url" error={errors.redirect} onChange={setRedirect} />
      <div className="field-grid">
        <TextField label={t('connections.oauth.code')} value={code} testId="oauth-code" onChange={setCode} />
        <TextField label={t('connections.oauth.state')} value={state || started.state} testId="oauth-state" onChange={setState} />
      </div>
    </>
  ) : null;

  const body =
    platform === 'line-oa' ? (
      <LineOaForm clientId={clientId} action={action} onConnected={onConnected} />
    ) : platform === 'wordpress' ? (
      <form id="connect-form" noValidate onSubmit={(e) => void wordpress(e)} data-testid="wp-form">
        <TextField label={t('connections.wp.site')} value={site} testId="wp-site" type="url" error={errors.site} help="https://example.com" onChange={setSite} />
        <TextField label={t('connections.wp.user')} value={user} testId="wp-user" autoComplete="username" error={errors.user} onChange={setUser} />
        <TextField label={t('connections.wp.password')} value={password} testId="wp-password" type="password" autoComplete="off" error={errors.password} help={t('connections.wp.help')} onChange={setPassword} />
      </form>
    ) : started ? (
      <form id="connect-form" noValidate onSubmit={(e) => void finish(e)} data-testid="oauth-finish-form" data-listening={waiting}>
        {waiting ? (
          <>
            <p className="oauth-waiting" role="status" data-testid="oauth-waiting">
              <span className="spinner" aria-hidden="true" />
              {t('connections.oauth.waiting')}
            </p>
            <p className="muted">{t('connections.oauth.waitingHelp', { platform: platformLabel(platform, t) })}</p>
          </>
        ) : (
          <p>{t('connections.oauth.opened', { platform: platformLabel(platform, t) })}</p>
        )}
        {waiting ? (
          <details className="oauth-manual" open={manualOpen} onToggle={(e) => setManualOpen(e.currentTarget.open)} data-testid="oauth-manual">
            <summary data-testid="oauth-paste-instead">{t('connections.oauth.pasteInstead')}</summary>
            {manual}
          </details>
        ) : (
          manual
        )}
        {/* Once the app stopped listening after an error, reopening the old page could not finish by itself: start a new attempt. */}
        <button
          type="button"
          className="btn btn--ghost btn--small"
          data-testid="oauth-open-again"
          onClick={() => void (flowError ? start() : openInBrowser(started.authorizeUrl))}
        >
          {flowError ? t('connections.oauth.startAgain') : t('connections.oauth.openAgain')}
        </button>
      </form>
    ) : null;
  const error = action.error ?? flowError;

  return (
    <Dialog
      title={reconnect ? `${t('connections.reconnect')} — ${reconnect.displayName}` : t('connections.connectTo')}
      onClose={onClose}
      testId="connect-dialog"
      footer={
        <>
          <button type="button" className="btn btn--ghost" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {!byForm && !started ? (
            <button type="button" className="btn btn--primary" disabled={action.busy} data-testid="oauth-start" onClick={() => void start()}>
              {t('connections.connect')}
            </button>
          ) : byForm || !waiting || manualOpen ? (
            <button type="submit" form="connect-form" className="btn btn--primary" disabled={action.busy} data-testid="connect-submit">
              {byForm ? t('connections.connect') : t('connections.oauth.finish')}
            </button>
          ) : null}
        </>
      }
    >
      <label className="field">
        <span className="field__label">{t('connections.platform')}</span>
        <select
          className="select"
          value={platform}
          disabled={Boolean(reconnect) || Boolean(started)}
          data-testid="connect-platform"
          onChange={(e) => {
            setPlatform(e.target.value as Platform);
            setErrors({});
            action.clear();
          }}
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {platformLabel(p, t)}
            </option>
          ))}
        </select>
      </label>
      {body}
      {error ? <FormError error={error} title={t('connections.connectFailed')} testId="connect-error" /> : null}
    </Dialog>
  );
}
