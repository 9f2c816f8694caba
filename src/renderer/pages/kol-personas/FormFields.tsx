import { useId, type ReactNode } from 'react';

/** The persona form's labelled controls: each shows its problem under it, tied to it for screen readers. */

function Problem({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span id={id} className="field__error" role="alert">
      {error}
    </span>
  ) : null;
}

export function TextField({ label, value, onChange, error, testId, maxLength, hint, type = 'text', list, required }: { label: string; value: string; onChange: (value: string) => void; error?: string; testId: string; maxLength?: number; hint?: string; type?: 'text' | 'number' | 'time'; list?: string; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type={type}
        value={value}
        maxLength={maxLength}
        list={list}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? <span className="field__hint">{hint}</span> : null}
      <Problem id={`${id}-error`} error={error} />
    </div>
  );
}

export function AreaField({ label, value, onChange, error, testId, maxLength, rows = 3, required }: { label: string; value: string; onChange: (value: string) => void; error?: string; testId: string; maxLength: number; rows?: number; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="input textarea"
        rows={rows}
        value={value}
        maxLength={maxLength}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
      />
      <Problem id={`${id}-error`} error={error} />
    </div>
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, testId, error }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void; testId: string; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Problem id={`${id}-error`} error={error} />
    </div>
  );
}

export function CheckField({ label, checked, onChange, testId, children }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId: string; children?: ReactNode }) {
  return (
    <div className="field">
      <label className="checkbox-field">
        <input type="checkbox" checked={checked} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
      {children}
    </div>
  );
}
