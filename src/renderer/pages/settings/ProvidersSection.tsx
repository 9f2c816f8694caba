import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ProviderStatus } from '../../../shared/providers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { ProviderRow } from './ProviderRow.js';

/** Settings → AI providers: each one's status, its key or address, and a connection test. */
export function ProvidersSection() {
  const t = useT();
  const [list, setList] = useState<ProviderStatus[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function load() {
    setError(null);
    try {
      setList(await api().call('providers.status', {}));
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }

  useEffect(() => {
    void load();
  }, []);

  return (
    <section className="card" data-testid="settings-providers" id="providers">
      <h2 className="card__title">{t('providers.title')}</h2>
      <p className="muted">{t('providers.help')}</p>
      {error && !list ? (
        <ErrorPanel error={error} onRetry={() => void load()} />
      ) : !list ? (
        <SkeletonRows rows={5} testId="providers-loading" />
      ) : (
        <ul className="provider-list">
          {list.map((status) => (
            <ProviderRow key={status.id} status={status} onChanged={setList} />
          ))}
        </ul>
      )}
    </section>
  );
}
