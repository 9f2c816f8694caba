import type { ReactNode } from 'react';
import type { VerifyResult } from '../../../shared/boxes/studio.js';
import type { SeriesItemView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { formatOdds } from '../../lib/boxes.js';
import { useLoad } from '../partners/useCall.js';

function Row({ label, testId, value, children }: { label: string; testId: string; value?: string | number; children: ReactNode }) {
  return (
    <div className="meta-list__row">
      <dt>{label}</dt>
      <dd data-testid={testId} data-value={value ?? ''}>
        {children}
      </dd>
    </div>
  );
}

function Check({ ok, testId }: { ok: boolean | null; testId: string }) {
  const t = useT();
  if (ok === null) {
    return (
      <span className="muted" data-testid={testId} data-ok="">
        {t('verify.check.pending')}
      </span>
    );
  }
  return (
    <span className={ok ? 'verify-ok' : 'verify-bad'} data-testid={testId} data-ok={ok ? 'true' : 'false'}>
      {ok ? `✓ ${t('verify.check.yes')}` : `✗ ${t('verify.check.no')}`}
    </span>
  );
}

function StatusBanner({ result }: { result: VerifyResult }) {
  const t = useT();
  const kind = result.status === 'verified' ? 'ok' : result.status === 'mismatch' ? 'stop' : 'info';
  // The texts carry ✓ / ✗ themselves; waiting has the clock.
  return (
    <div className={`box-banner box-banner--${kind}`} role="status" data-testid="verify-status" data-status={result.status}>
      {result.status === 'not_revealed' ? <Icon name="history" /> : null}
      <div>
        <strong>{t(`verify.status.${result.status}`)}</strong>
        <p>{t(`verify.status.${result.status}.body`)}</p>
      </div>
    </div>
  );
}

/** The weights the draw used, each with its item (when the series is known) and as a percent of their sum. */
function Weights({ weights, items }: { weights: number[]; items: SeriesItemView[] | null }) {
  const t = useT();
  const total = weights.reduce((s, w) => s + w, 0);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="verify-weights" data-total={total}>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('shop.odds.item')}</th>
            <th className="num">{t('verify.weight')}</th>
            <th className="num">{t('shop.odds.odds')}</th>
          </tr>
        </thead>
        <tbody>
          {weights.map((w, i) => (
            <tr key={i} data-testid="verify-weight-row" data-weight={w}>
              <td>{i}</td>
              <td>{items?.[i]?.name ?? '—'}</td>
              <td className="num">{w}</td>
              <td className="num">{total > 0 ? `${formatOdds(Math.round((w * 1_000_000) / total))} %` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One opening recomputed in main (boxes.verify): status, every input and intermediate value, and the item recomputed vs recorded. */
export function VerifyDetails({ openingId, items }: { openingId: string; items: SeriesItemView[] | null }) {
  const t = useT();
  const v = useLoad(() => api().call('boxes.verify', { openingId }));
  if (v.error && !v.data) return <ErrorPanel error={v.error} onRetry={() => void v.reload()} testId="verify-error" />;
  if (!v.data) return <SkeletonRows rows={8} testId="verify-loading" />;
  const r = v.data;
  const nameOf = (id: string | null) => (id === null ? '—' : (items?.find((i) => i.id === id)?.name ?? id));
  const itemsMatch = r.recomputedItemId === null ? null : r.recomputedItemId === r.recordedItemId;
  return (
    <section className="card verify-details" data-testid="verify-details" data-opening-id={r.openingId} data-status={r.status}>
      <div className="card__head">
        <h2 className="card__title">{t('verify.details.title')}</h2>
        <button type="button" className="btn btn--ghost btn--small" data-testid="verify-recheck" disabled={v.loading} onClick={() => void v.reload()}>
          <Icon name="sync" />
          {t('verify.recheck')}
        </button>
      </div>
      <StatusBanner result={r} />
      <dl className="meta-list">
        <Row label={t('verify.commitment')} testId="verify-commitment" value={r.commitment}>
          <span className="mono">{r.commitment}</span>
        </Row>
        <Row label={t('verify.serverSeed')} testId="verify-server-seed" value={r.serverSeed ?? ''}>
          {r.serverSeed ? <span className="mono">{r.serverSeed}</span> : <span className="muted">{t('verify.notRevealed')}</span>}
        </Row>
        <Row label={t('verify.commitmentMatches')} testId="verify-commitment-row">
          <Check ok={r.commitmentMatches} testId="verify-commitment-matches" />
        </Row>
        <Row label={t('verify.clientSeed')} testId="verify-client-seed" value={r.clientSeed}>
          <span className="mono">{r.clientSeed}</span>
        </Row>
        <Row label={t('verify.nonce')} testId="verify-nonce" value={r.nonce}>
          {r.nonce}
        </Row>
        <Row label={t('verify.guaranteed')} testId="verify-guaranteed" value={r.guaranteed ? 'true' : 'false'}>
          {r.guaranteed ? t('verify.check.yes') : t('verify.check.no')}
        </Row>
        <Row label={t('verify.message')} testId="verify-message" value={r.message ?? ''}>
          {r.message !== null ? <span className="mono">{r.message}</span> : '—'}
        </Row>
        <Row label={t('verify.digest')} testId="verify-digest" value={r.digestHex ?? ''}>
          {r.digestHex !== null ? <span className="mono">{r.digestHex}</span> : '—'}
        </Row>
        <Row label={t('verify.word')} testId="verify-word" value={r.word ?? ''}>
          {r.word !== null ? `${r.word} (0x${r.word.toString(16).padStart(8, '0')})` : '—'}
        </Row>
        <Row label={t('verify.recorded')} testId="verify-recorded" value={r.recordedItemId}>
          {nameOf(r.recordedItemId)}
        </Row>
        <Row label={t('verify.recomputed')} testId="verify-recomputed" value={r.recomputedItemId ?? ''}>
          {nameOf(r.recomputedItemId)} <Check ok={itemsMatch} testId="verify-items-match" />
        </Row>
      </dl>
      <h3 className="card__subtitle">{t('verify.weights')}</h3>
      <Weights weights={r.weights} items={items} />
    </section>
  );
}
