import { useState } from 'react';
import type { ConnectionCheck, LocalProvider, ProviderStatus } from '../../../shared/providers.js';
import { LOCAL_DEFAULT_URLS } from '../../../shared/providers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { errorTitle } from '../../lib/jobText.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { ComfyWorkflows } from './ComfyWorkflows.js';
import { ErrorText } from '../../components/ErrorText.js';

type Kind = 'key' | 'url' | 'none';

function kindOf(id: ProviderStatus['id']): Kind {
  if (id === 'gemini' || id === 'replicate' || id === 'meshy') return 'key';
  if (id === 'comfyui' || id === 'ollama') return 'url';
  return 'none';
}

/** What a connection test found: the models, or the error with its hint. */
function CheckResult({ check }: { check: ConnectionCheck }) {
  const t = useT();
  if (check.ok) {
    return (
      <div className="provider-check--ok" data-testid="provider-check" data-ok="true">
        <strong>{t('providers.ok')}</strong>
        {check.detail ? ` · ${check.detail}` : ''}
        {check.balance !== undefined ? <span data-testid="provider-balance"> · {t('providers.balance', { balance: check.balance.toLocaleString() })}</span> : null}
        {check.models?.length ? (
          <>
            <div className="muted">{t('providers.models', { count: check.models.length })}</div>
            <div className="gen-tags" data-testid="provider-models">
              {check.models.map((m) => (
                <span key={`${m.capability}:${m.id}`} className={m.available === false ? 'gen-tag gen-tag--off' : 'gen-tag'} title={m.id} data-available={m.available === false ? 'false' : 'true'}>
                  {m.available === false ? t('modelcheck.unavailable', { model: m.label }) : `${m.label} · ${m.capability}`}
                </span>
              ))}
            </div>
          </>
        ) : null}
        {check.replaced?.map((r) => (
          <div key={r.from} className="muted" data-testid="provider-model-replaced">
            {t('modelcheck.replaced', { model: r.from, successor: r.to })}
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="provider-check--bad" role="alert" data-testid="provider-check" data-ok="false">
      <strong>{t('providers.notOk')}</strong>
      {check.error ? (
        <>
          {' — '}
          {errorTitle(check.error, t)}
          <ErrorText error={check.error} />
        </>
      ) : null}
    </div>
  );
}

/** One AI provider: where it is configured from, a key or address to set or clear, and a connection test. */
export function ProviderRow({ status, onChanged }: { status: ProviderStatus; onChanged: (list: ProviderStatus[]) => void }) {
  const t = useT();
  const kind = kindOf(status.id);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);

  async function save(next: string | null) {
    setBusy(true);
    try {
      const list =
        status.id === 'gemini' || status.id === 'replicate' || status.id === 'meshy'
          ? await api().call('providers.setKey', { provider: status.id, key: next })
          : await api().call('providers.setUrl', { provider: status.id as 'comfyui' | 'ollama', url: next });
      onChanged(list);
      setValue('');
      setCheck(null);
      toastSuccess(next === null ? t('providers.cleared') : t('providers.saved'));
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setBusy(true);
    setCheck(null);
    try {
      setCheck(await api().call('providers.test', { provider: status.id }));
    } catch (err) {
      const info = errorInfoOf(err);
      setCheck({ ok: false, provider: status.id, error: info });
    } finally {
      setBusy(false);
    }
  }

  const detail = status.detail ? (kind === 'key' ? `…${status.detail.slice(-4)}` : status.detail) : null;
  return (
    <li className="provider-row" data-testid={`provider-${status.id}`} data-configured={status.configured ? 'true' : 'false'}>
      <div className="provider-row__head">
        <span className="provider-row__name">{t(`providers.name.${status.id}`)}</span>
        <span className={status.configured ? 'badge badge--succeeded' : 'badge badge--queued'} data-testid="provider-state">
          {status.configured ? t('providers.configured') : t('providers.notConfigured')}
        </span>
        {status.source ? <span className="muted">{t(`providers.source.${status.source}`)}</span> : null}
        {detail ? <code data-testid="provider-detail">{detail}</code> : null}
      </div>
      {kind !== 'none' ? (
        <form
          className="provider-row__form"
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim()) void save(value.trim());
          }}
        >
          <input
            className="input"
            type={kind === 'key' ? 'password' : 'url'}
            autoComplete="off"
            aria-label={kind === 'key' ? t('providers.key') : t('providers.url')}
            placeholder={kind === 'key' ? t('providers.key') : LOCAL_DEFAULT_URLS[status.id as LocalProvider]}
            value={value}
            data-testid="provider-input"
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="btn btn--ghost" disabled={busy || !value.trim()} data-testid="provider-save">
            {t('providers.save')}
          </button>
          <button type="button" className="btn btn--ghost" disabled={busy || status.source !== (kind === 'key' ? 'keychain' : 'settings')} data-testid="provider-clear" onClick={() => void save(null)}>
            {t('providers.clear')}
          </button>
        </form>
      ) : null}
      {status.id === 'comfyui' ? <ComfyWorkflows status={status} onChanged={onChanged} /> : null}
      <div>
        <button type="button" className="btn btn--ghost btn--small" disabled={busy} data-testid="provider-test" onClick={() => void test()}>
          {busy ? t('providers.testing') : t('providers.test')}
        </button>
      </div>
      {check ? <CheckResult check={check} /> : null}
    </li>
  );
}
