import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../partners/useCall.js';

/** The audit log's published head and the latest daily digest, its Ed25519 signature checked in main. */
export function AuditHeadCard() {
  const t = useT();
  const language = useLanguage();
  const head = useLoad(() => api().call('audit.head', {}));
  const h = head.data;
  return (
    <section className="card" data-testid="audit-head">
      <div className="card__head">
        <h2 className="card__title">{t('verify.audit.title')}</h2>
        <button type="button" className="btn btn--ghost btn--small" data-testid="audit-refresh" disabled={head.loading} onClick={() => void head.reload()}>
          <Icon name="sync" />
          {t('verify.refresh')}
        </button>
      </div>
      <p className="muted">{t('verify.audit.help')}</p>
      {head.error && !h ? (
        <ErrorPanel error={head.error} onRetry={() => void head.reload()} testId="audit-error" />
      ) : !h ? (
        <SkeletonRows rows={3} testId="audit-loading" />
      ) : (
        <dl className="meta-list">
          <div className="meta-list__row">
            <dt>{t('verify.audit.seq')}</dt>
            <dd data-testid="audit-seq" data-value={h.seq}>
              {h.seq}
            </dd>
          </div>
          <div className="meta-list__row">
            <dt>{t('verify.audit.hash')}</dt>
            <dd className="mono" data-testid="audit-hash">
              {h.hash}
            </dd>
          </div>
          <div className="meta-list__row">
            <dt>{t('verify.audit.at')}</dt>
            <dd>{formatDateTime(h.at, language)}</dd>
          </div>
          <div className="meta-list__row">
            <dt>{t('verify.audit.digest')}</dt>
            {h.digest ? (
              <dd data-testid="audit-digest" data-day={h.digest.day} data-seq={h.digest.seq} data-signature-valid={h.digest.signatureValid ? 'true' : 'false'}>
                {t('verify.audit.digestLine', { day: h.digest.day, seq: h.digest.seq })} <span className="mono">{h.digest.hash}</span>{' '}
                <span className={h.digest.signatureValid ? 'verify-ok' : 'verify-bad'} data-testid="audit-signature">
                  {h.digest.signatureValid ? t('verify.audit.signatureValid') : t('verify.audit.signatureInvalid')}
                </span>
              </dd>
            ) : (
              <dd className="muted" data-testid="audit-digest" data-day="">
                {t('verify.audit.noDigest')}
              </dd>
            )}
          </div>
        </dl>
      )}
    </section>
  );
}
