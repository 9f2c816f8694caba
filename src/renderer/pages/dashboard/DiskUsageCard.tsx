import { useEffect, useState } from 'react';
import type { DiskUsage } from '../../../shared/api/lifecycle-contract.js';
import { RETENTION_CLASSES } from '../../../shared/library.js';
import { api } from '../../api/index.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { formatBytes, formatCount } from '../../lib/format.js';

const CLASS_KEYS: Record<keyof DiskUsage['byClass'], MessageKey> = {
  shortVideo: 'lifecycle.class.shortVideo',
  socialImage: 'lifecycle.class.socialImage',
  blogImage: 'lifecycle.class.blogImage',
  scheduledMedia: 'lifecycle.class.scheduledMedia',
  temp: 'lifecycle.class.temp',
  kept: 'lifecycle.class.kept',
};

/** Bytes per retention class and in the temp folders, the total, and the disk's free space. `version` re-reads it. */
export function DiskUsageCard({ version }: { version: unknown }) {
  const t = useT();
  const language = useLanguage();
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  useEffect(() => {
    let live = true;
    api()
      .call('lifecycle.diskUsage', {})
      .then((u) => live && setUsage(u))
      .catch(() => undefined); // the card stays empty; the next change reads it again
    return () => {
      live = false;
    };
  }, [version]);
  if (!usage) return null;
  const bytes = (n: number) => formatBytes(n, language);
  return (
    <div className="card card--wide" data-testid="dashboard-disk-usage">
      <h2 className="card__title">{t('lifecycle.usage.title')}</h2>
      <table className="disk-usage">
        <tbody>
          {[...RETENTION_CLASSES, 'kept' as const].map((c) => (
            <tr key={c} data-testid={`disk-usage-${c}`}>
              <th scope="row">{t(CLASS_KEYS[c])}</th>
              <td>{formatCount(usage.byClass[c].count, language)}</td>
              <td>{bytes(usage.byClass[c].bytes)}</td>
            </tr>
          ))}
          <tr data-testid="disk-usage-temp-folders">
            <th scope="row">{t('lifecycle.usage.tempFolders')}</th>
            <td>{formatCount(usage.tempFolders.count, language)}</td>
            <td>{bytes(usage.tempFolders.bytes)}</td>
          </tr>
          <tr data-testid="disk-usage-total">
            <th scope="row">{t('lifecycle.usage.total')}</th>
            <td />
            <td>{bytes(usage.totalBytes)}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted" data-testid="disk-usage-starred">
        {t('lifecycle.usage.starred', { count: formatCount(usage.starred.count, language), size: bytes(usage.starred.bytes) })}
      </p>
      <p className="muted" data-testid="disk-usage-free">
        {usage.disk ? t('lifecycle.usage.free', { free: bytes(usage.disk.freeBytes), size: bytes(usage.disk.sizeBytes) }) : t('lifecycle.usage.noDisk')}
      </p>
    </div>
  );
}
