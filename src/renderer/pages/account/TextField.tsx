import { useId, type InputHTMLAttributes } from 'react';

interface TextFieldProps {
  label: string;
  value: string;
  testId: string;
  type?: 'text' | 'email' | 'password' | 'url' | 'date';
  error?: string | undefined;
  help?: string;
  autoComplete?: string;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  autoFocus?: boolean;
  onChange: (value: string) => void;
}

/** A labelled text input with its help line and, after a submit, what is wrong with it. */
export function TextField({ label, value, testId, type = 'text', error, help, autoComplete, inputMode, maxLength, autoFocus, onChange }: TextFieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        className={error ? 'input input--invalid' : 'input'}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        autoFocus={autoFocus}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      ) : help ? (
        <span id={`${id}-help`} className="muted field__help">
          {help}
        </span>
      ) : null}
    </div>
  );
}
