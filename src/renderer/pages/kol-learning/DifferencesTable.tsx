import type { FeatureDiff, NumericDiff } from '../../../shared/kol/learning/index.js';
import { useT } from '../../i18n/index.js';
import { featureLabel, numericLabel, valueLabel } from './labels.js';

const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** The features the top posts share against the rest: shares, the difference in points drawn as a bar, and the lift. */
export function DifferencesTable({ differences, numeric, nicknames }: { differences: FeatureDiff[]; numeric: NumericDiff[]; nicknames: ReadonlyMap<string, string> }) {
  const t = useT();
  const widest = Math.max(1, ...differences.map((d) => Math.abs(d.diffPp)));
  return (
    <section className="card" data-testid="learn-differences">
      <h2 className="card__title">{t('kollearn.diff.title')}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('kollearn.diff.feature')}</th>
              <th scope="col">{t('kollearn.diff.top')}</th>
              <th scope="col">{t('kollearn.diff.rest')}</th>
              <th scope="col">{t('kollearn.diff.pp')}</th>
              <th scope="col">{t('kollearn.diff.lift')}</th>
            </tr>
          </thead>
          <tbody>
            {differences.slice(0, 20).map((d) => (
              <tr key={`${d.feature}:${d.value}`} data-testid="learn-difference" data-feature={d.feature} data-value={d.value}>
                <th scope="row">
                  {featureLabel(d.feature, t)}: {valueLabel(d, t, nicknames)}
                </th>
                <td>{percent(d.topShare)}</td>
                <td>{percent(d.restShare)}</td>
                <td>
                  <div className="learn-bar" title={t('kollearn.diff.ppValue', { value: d.diffPp })}>
                    <span className={d.diffPp >= 0 ? 'learn-bar__fill learn-bar__fill--up' : 'learn-bar__fill learn-bar__fill--down'} style={{ width: `${(Math.abs(d.diffPp) / widest) * 100}%` }} />
                  </div>
                  <span className="learn-bar__value">{t('kollearn.diff.ppValue', { value: d.diffPp > 0 ? `+${d.diffPp}` : d.diffPp })}</span>
                </td>
                <td>
                  {d.lift === null ? '—' : `${d.lift}×`} <span className="muted">{t('kollearn.diff.posts', { with: d.withCount, without: d.withoutCount })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="card__title">{t('kollearn.numeric.title')}</h3>
      <ul className="learn-numeric" data-testid="learn-numeric">
        {numeric.map((n) => (
          <li key={n.feature}>
            {numericLabel(n.feature, t)}: {n.topMean} / {n.restMean} ({n.diff > 0 ? `+${n.diff}` : n.diff})
          </li>
        ))}
      </ul>
    </section>
  );
}
