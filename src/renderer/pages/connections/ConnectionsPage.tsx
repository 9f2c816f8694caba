import { useState, type FormEvent } from 'react';
import type { AgencyClient, ConnectionView } from '../../../shared/partners.js';
import { api, errorInfoOf } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { confirm } from '../../stores/confirmStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError, SignedInOnly } from '../partners/common.js';
import { useAction, useLoad } from '../partners/useCall.js';
import { platformLabel } from '../../lib/connectionPlatforms.js';
import { ConnectDialog } from './ConnectDialog.js';
import { ReconnectBanner } from './ReconnectBanner.js';

function ClientList({ clients, selected, onSelect, onAdded }: { clients: AgencyClient[]; selected: string | null; onSelect: (id: string | null) => void; onAdded: (c: AgencyClient) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const action = useAction();

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setNameError(t('profile.identity.fullName.err'));
    setNameError(undefined);
    const c = await action.run(() => api().call('connections.createClient', { name: name.trim() }));
    if (c) {
      setName('');
      toastSuccess(translate('connections.clientAdded', { name: c.name }));
      onAdded(c);
    }
  }

  const item = (id: string | null, label: string) => (
    <li key={id ?? 'own'}>
      <button type="button" className={selected === id ? 'client-item client-item--active' : 'client-item'} aria-current={selected === id ? 'true' : undefined} data-testid="client-item" data-client={id ?? 'own'} onClick={() => onSelect(id)}>
        {label}
      </button>
    </li>
  );

  return (
    <section className="card clients" data-testid="clients">
      <h2 className="card__title">{t('connections.clients')}</h2>
      <ul className="client-list">
        {item(null, t('connections.own'))}
        {clients.map((c) => item(c.id, c.name))}
      </ul>
      <form className="copy-row" noValidate onSubmit={(e) => void add(e)} data-testid="client-form">
        <TextField label={t('connections.clientName')} value={name} testId="client-name" maxLength={100} error={nameError} onChange={setName} />
        <button type="submit" className="btn btn--ghost" disabled={action.busy} data-testid="client-add">
          {t('connections.addClient')}
        </button>
      </form>
      {action.error ? <FormError error={action.error} title={t('connections.clientFailed')} testId="client-error" /> : null}
    </section>
  );
}

function ConnectionRow({ c, onReconnect, onRemoved }: { c: ConnectionView; onReconnect: () => void; onRemoved: () => void }) {
  const t = useT();
  const language = useLanguage();

  async function remove() {
    const ok = await confirm({
      title: translate('connections.remove.title'),
      body: translate('connections.remove.body', { name: c.displayName, platform: platformLabel(c.platform, translate) }),
      confirmLabel: translate('connections.remove'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api().call('connections.remove', { id: c.id });
      toastSuccess(translate('connections.removed'));
      onRemoved();
    } catch (err) {
      toastError(errorInfoOf(err), translate('connections.removeFailed'));
    }
  }

  return (
    <tr data-testid="connection-row" data-status={c.status} data-platform={c.platform}>
      <td>{platformLabel(c.platform, t)}</td>
      <td>{c.displayName}</td>
      <td>
        <span className={c.status === 'active' ? 'badge badge--succeeded' : 'badge badge--failed'}>{t(`connections.status.${c.status}`)}</span>
        {c.status === 'needs_reconnect' && c.lastError ? <div className="muted">{t('connections.reason', { reason: c.lastError })}</div> : null}
      </td>
      <td>{c.expiresAt ? formatDateTime(c.expiresAt, language) : t('connections.never')}</td>
      <td className="table__actions">
        <button type="button" className="btn btn--ghost btn--small" data-testid="connection-reconnect" onClick={onReconnect}>
          <Icon name="sync" />
          {t('connections.reconnect')}
        </button>
        <button type="button" className="btn btn--danger btn--small" data-testid="connection-remove" onClick={() => void remove()}>
          <Icon name="trash" />
          {t('connections.remove')}
        </button>
      </td>
    </tr>
  );
}

function ConnectionList({ clientId, clientName, onChanged }: { clientId: string | null; clientName: string; onChanged: () => void }) {
  const t = useT();
  const list = useLoad(async () => {
    const all = await api().call('connections.list', clientId ? { clientId } : {});
    return clientId ? all : all.filter((c) => c.clientId === null);
  });
  const [dialog, setDialog] = useState<{ reconnect?: ConnectionView } | null>(null);

  return (
    <section className="card connections" data-testid="connections-list" data-client={clientId ?? 'own'}>
      <div className="card__head">
        <h2 className="card__title">
          {t('connections.list')} — {clientName}
        </h2>
        <button type="button" className="btn btn--primary" data-testid="connection-add" onClick={() => setDialog({})}>
          <Icon name="external" />
          {t('connections.connect')}
        </button>
      </div>
      {list.error && !list.data ? (
        <ErrorPanel error={list.error} onRetry={() => void list.reload()} testId="connections-error" />
      ) : !list.data ? (
        <SkeletonRows rows={3} testId="connections-loading" />
      ) : list.data.length === 0 ? (
        <EmptyState icon="globe" title={t('connections.empty')} body={t('connections.emptyBody')} testId="connections-empty" />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('connections.platform')}</th>
                <th>{t('connections.account')}</th>
                <th>{t('connections.status')}</th>
                <th>{t('connections.expires')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <ConnectionRow
                  key={c.id}
                  c={c}
                  onReconnect={() => setDialog({ reconnect: c })}
                  onRemoved={() => {
                    void list.reload();
                    onChanged();
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog ? (
        <ConnectDialog
          clientId={clientId}
          reconnect={dialog.reconnect}
          onClose={() => setDialog(null)}
          onConnected={(c) => {
            setDialog(null);
            toastSuccess(translate('connections.connected', { name: c.displayName }));
            void list.reload();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function Connections() {
  const t = useT();
  const clients = useLoad(() => api().call('connections.clients', {}));
  const [selected, setSelected] = useState<string | null>(null);
  // Bumped by any connect, reconnect or removal: the banner and the list below are reloaded.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  if (clients.error && !clients.data) return <ErrorPanel error={clients.error} onRetry={() => void clients.reload()} testId="clients-error" />;
  if (!clients.data) return <SkeletonRows rows={5} testId="clients-loading" />;
  const name = selected ? (clients.data.find((c) => c.id === selected)?.name ?? '') : t('connections.own');
  return (
    <>
    <ReconnectBanner key={`banner-${version}`} clientNames={new Map(clients.data.map((c) => [c.id, c.name]))} onReconnected={changed} />
    <div className="connections-layout">
      <ClientList
        clients={clients.data}
        selected={selected}
        onSelect={setSelected}
        onAdded={(c) => {
          clients.set([...(clients.data ?? []), c]);
          setSelected(c.id);
        }}
      />
      <ConnectionList key={`${selected ?? 'own'}-${version}`} clientId={selected} clientName={name} onChanged={changed} />
    </div>
    </>
  );
}

/** Connections: agency clients, and the social accounts and sites connected for each. */
export function ConnectionsPage() {
  const t = useT();
  return (
    <section className="page" data-testid="page-connections">
      <PageHeader title={t('connections.title')} subtitle={t('connections.subtitle')} />
      <SignedInOnly testId="connections">
        <Connections />
      </SignedInOnly>
    </section>
  );
}
