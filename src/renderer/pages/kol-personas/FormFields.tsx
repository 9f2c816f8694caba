import { useId, type ReactNode } from 'react';

/** The persona form's labelled controls: each shows its problem under it, tied to it for screen readers. */

interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** A label, the control `render` draws with the ids that tie them together, an optional hint and the problem. */
function Field({ label, error, hint, render }: { label: string; error: string | undefined; hint?: string | undefined; render: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {render({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
      {hint ? <span className="field__hint">{hint}</span> : null}
      {error ? (
        <span id={errorId} className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function TextField({ label, value, onChange, error, testId, maxLength, hint, type = 'text', list, required }: { label: string; value: string; onChange: (value: string) => void; error?: string; testId: string; maxLength?: number; hint?: string; type?: 'text' | 'number' | 'time'; list?: string; required?: boolean }) {
  return (
    <Field
      label={label}
      error={error}
      hint={hint}
      render={(control) => (
        <input {...control} className="input" type={type} value={value} maxLength={maxLength} list={list} required={required} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      )}
    />
  );
}

export function AreaField({ label, value, onChange, error, testId, maxLength, rows = 3, required }: { label: string; value: string; onChange: (value: string) => void; error?: string; testId: string; maxLength: number; rows?: number; required?: boolean }) {
  return (
    <Field
      label={label}
      error={error}
      render={(control) => (
        <textarea {...control} className="input textarea" rows={rows} value={value} maxLength={maxLength} required={required} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      )}
    />
  );
}

export function SelectField<T extends string>({ label, value, options, onChange, testId, error }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void; testId: string; error?: string }) {
  return (
    <Field
      label={label}
      error={error}
      render={(control) => (
        <select {...control} className="select" value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
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
