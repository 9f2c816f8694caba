import { useId } from 'react';
import { useT } from '../../i18n/index.js';

interface NumberFieldProps {
  label: string;
  value: string;
  min: number;
  max: number;
  testId: string;
  onChange: (value: string) => void;
}

/** Whether a text field holds a whole number in [min, max]. */
export function isValidWhole(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

export function NumberField({ label, value, min, max, testId, onChange }: NumberFieldProps) {
  const t = useT();
  const id = useId();
  const valid = isValidWhole(value, min, max);
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className={valid ? 'input input--number' : 'input input--number input--invalid'}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        aria-invalid={!valid}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      />
      {valid ? null : <span className="field__error">{t('settings.invalid', { min, max })}</span>}
    </div>
  );
}
