import { useId } from 'react';
import { KOL_POST_STATES } from '../../../shared/kol/post-record.js';
import { RISK_LEVELS } from '../../../shared/kol/scores.js';
import { useT } from '../../i18n/index.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { useKolReviewStore } from '../../stores/kolReviewStore.js';
import { riskLabel, stateLabel } from './reviewText.js';

function FilterSelect({ label, value, options, onChange, testId }: { label: string; value: string | null; options: { value: string; label: string }[]; onChange: (value: string | null) => void; testId: string }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value ?? ''} data-testid={testId} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const QUALITY_STEPS = [50, 60, 70, 80, 90];

/** Client, persona, risk, minimum quality and status; each change reloads the queue from its first page. */
export function ReviewFilters() {
  const t = useT();
  const { filters, setFilters } = useKolReviewStore();
  const { personas, clients } = useKolPersonaStore();
  const shownPersonas = filters.clientId ? personas.filter((p) => p.clientId === filters.clientId) : personas;
  return (
    <div className="review-filters" role="group" aria-label={t('kol.review.filters')} data-testid="review-filters">
      <FilterSelect label={t('kol.review.filter.client')} value={filters.clientId} testId="review-filter-client" options={clients.map((c) => ({ value: c.id, label: c.name }))} onChange={(clientId) => setFilters({ clientId, personaId: null })} />
      <FilterSelect label={t('kol.review.filter.persona')} value={filters.personaId} testId="review-filter-persona" options={shownPersonas.map((p) => ({ value: p.id, label: p.nickname }))} onChange={(personaId) => setFilters({ personaId })} />
      <FilterSelect label={t('kol.review.filter.risk')} value={filters.risk} testId="review-filter-risk" options={RISK_LEVELS.map((r) => ({ value: r, label: riskLabel(r, t) }))} onChange={(risk) => setFilters({ risk: risk as (typeof RISK_LEVELS)[number] | null })} />
      <FilterSelect
        label={t('kol.review.filter.minQuality')}
        value={filters.minQuality === null ? null : String(filters.minQuality)}
        testId="review-filter-quality"
        options={QUALITY_STEPS.map((q) => ({ value: String(q), label: t('kol.review.filter.atLeast', { score: q }) }))}
        onChange={(v) => setFilters({ minQuality: v === null ? null : Number(v) })}
      />
      <FilterSelect label={t('kol.review.filter.status')} value={filters.status} testId="review-filter-status" options={KOL_POST_STATES.map((s) => ({ value: s, label: stateLabel(s, t) }))} onChange={(status) => setFilters({ status: status as (typeof KOL_POST_STATES)[number] | null })} />
    </div>
  );
}
