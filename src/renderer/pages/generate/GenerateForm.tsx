import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { CostLine } from '../../../shared/pricing.js';
import { Icon, type IconName } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { EstimatePanel } from './EstimatePanel.js';
import { GenerateFailure } from './GenerateFailure.js';
import type { EstimateState } from './useEstimate.js';

/**
 * The frame every generator form shares: its fields, the estimate beside the
 * submit button (nothing starts before the cost is shown), and why a start
 * was refused.
 */
export function GenerateForm(props: {
  prefix: string;
  submitTestId: string;
  icon: IconName;
  submitLabel: string;
  valid: boolean;
  estimate: EstimateState;
  /** Who bills a line paid with the user's own key (Google, Replicate). */
  payer?: (line: CostLine) => string | undefined;
  starting: boolean;
  error: ErrorInfo | null;
  onStart: () => Promise<void>;
  children: ReactNode;
}) {
  const t = useT();
  const { valid, starting, estimate } = props;
  return (
    <form
      className="card gen-form"
      data-testid={`${props.prefix}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && !starting) void props.onStart();
      }}
    >
      {props.children}
      <div className="gen-form__footer">
        {valid ? <EstimatePanel state={estimate} payer={props.payer} /> : <span />}
        <button type="submit" className="btn btn--primary" disabled={!valid || starting || estimate.error !== null} data-testid={props.submitTestId}>
          <Icon name={props.icon} />
          {starting ? t('gen.starting') : props.submitLabel}
        </button>
      </div>
      {props.error ? <GenerateFailure error={props.error} title={t('gen.startFailed')} /> : null}
    </form>
  );
}
