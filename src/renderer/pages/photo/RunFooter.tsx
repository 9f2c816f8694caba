import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon.js';
import { useT, type Translate } from '../../i18n/index.js';
import { EstimatePanel } from '../generate/EstimatePanel.js';
import type { EstimateState } from '../generate/useEstimate.js';
import { withLineNames } from './photoText.js';

/** The estimate state with its photo lines named in the user's language. */
export function named(state: EstimateState, t: Translate): EstimateState {
  return state.estimate ? { ...state, estimate: withLineNames(state.estimate, t) } : state;
}

/** The consent box for photos of other people, required before any run. */
export function ConsentBox({ id, checked, onChange }: { id: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useT();
  return (
    <label className="gen-check" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} data-testid={id} onChange={(e) => onChange(e.target.checked)} />
      {t('photo.consent')}
    </label>
  );
}

/**
 * The estimate before running (once there is a request to price), the run button, and — while it is disabled —
 * what is still missing, in words (so a disabled button is never a riddle).
 */
export function RunFooter({ id, estimate, blockers, busy, label, onRun, children }: { id: string; estimate: EstimateState | null; blockers: string[]; busy: boolean; label: string; onRun: () => void; children?: ReactNode }) {
  const t = useT();
  return (
    <div className="gen-form__footer photo-footer">
      <div className="photo-step">
        {children}
        {estimate ? <EstimatePanel state={named(estimate, t)} testId={`${id}-estimate`} /> : null}
        {blockers.length > 0 ? (
          <ul className="photo-upload__issues muted" data-testid={`${id}-blockers`}>
            {blockers.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" className="btn btn--primary" disabled={busy || blockers.length > 0} data-testid={`${id}-run`} onClick={onRun}>
        <Icon name="image" size={16} />
        {busy ? t('photo.run.working') : label}
      </button>
    </div>
  );
}
