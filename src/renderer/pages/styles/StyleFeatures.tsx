import type { StyleFeatures as Features } from '../../../shared/style/features.js';
import { useT } from '../../i18n/index.js';

/** Every measured feature: palette swatches with their shares, lighting, lines, and each reference's pHash. */
export function StyleFeatures({ features }: { features: Features }) {
  const t = useT();
  const l = features.lighting;
  const ln = features.lines;
  const rows: [string, string | number][] = [
    [t('style.meanLuminance'), l.meanLuminance],
    [t('style.contrast'), l.contrast],
    [t('style.highlights'), `${Math.round(l.highlights * 100)}%`],
    [t('style.shadows'), `${Math.round(l.shadows * 100)}%`],
    [t('style.keyBalance'), l.keyBalance],
    [t('style.warmth'), l.warmth],
  ];
  const lineRows: [string, string | number][] = [
    [t('style.edgeDensity'), ln.edgeDensity],
    [t('style.edgeStrength'), ln.meanEdgeStrength],
    [t('style.lineThickness'), ln.lineThicknessPx],
  ];
  return (
    <div className="style-features">
      <h3>{t('style.palette')}</h3>
      <ul className="style-palette" data-testid="style-palette" style={{ display: 'flex', gap: 8, listStyle: 'none', padding: 0, flexWrap: 'wrap' }}>
        {features.palette.map((c) => (
          <li key={c.hex} data-testid="style-swatch" data-hex={c.hex} title={`${c.hex} · ${Math.round(c.weight * 100)}%`} style={{ textAlign: 'center' }}>
            <span style={{ display: 'block', width: 56, height: 40, borderRadius: 6, background: c.hex, border: '1px solid rgba(0,0,0,.15)' }} />
            <code>{c.hex}</code>
            <div className="muted">{Math.round(c.weight * 100)}%</div>
          </li>
        ))}
      </ul>
      <h3>{t('style.lighting')}</h3>
      <dl className="style-measures" data-testid="style-lighting">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('style.lines')}</h3>
      <dl className="style-measures" data-testid="style-lines">
        {lineRows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('style.structure')}</h3>
      <ul data-testid="style-hashes">
        {features.images.map((i) => (
          <li key={i.path}>
            <code>{i.phash}</code> <span className="muted">{i.path.split(/[\\/]/).pop()}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
