import { formatPercent } from '../lib/format.js';

/** A gradient bar for a 0…1 fraction. Width is set through CSSOM (allowed by the CSP). */
export function ProgressBar({ value, label, testId }: { value: number; label?: string; testId?: string }) {
  const percent = formatPercent(value);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value * 100)}
      aria-label={label}
      data-testid={testId}
    >
      <div className="progress__fill" style={{ width: percent }} />
    </div>
  );
}
