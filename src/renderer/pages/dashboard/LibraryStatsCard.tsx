import type { LibraryStats } from '../../../shared/library.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatBytes, formatCount } from '../../lib/format.js';

export function LibraryStatsCard({ stats }: { stats: LibraryStats }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="card card--accent-pink" data-testid="dashboard-library">
      <h2 className="card__title">{t('dashboard.library')}</h2>
      <p className="stat">
        <span className="stat__value" data-testid="dashboard-library-count">
          {formatCount(stats.count, language)}
        </span>
        <span className="stat__unit">{formatBytes(stats.bytes, language)}</span>
      </p>
      <ul className="kind-counts">
        <li>
          <Icon name="image" size={16} /> {t('kind.image')} {formatCount(stats.byKind.image, language)}
        </li>
        <li>
          <Icon name="video" size={16} /> {t('kind.video')} {formatCount(stats.byKind.video, language)}
        </li>
        <li>
          <Icon name="audio" size={16} /> {t('kind.audio')} {formatCount(stats.byKind.audio, language)}
        </li>
      </ul>
    </div>
  );
}
