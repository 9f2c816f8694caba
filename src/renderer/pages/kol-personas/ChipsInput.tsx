import { useId, useState, type KeyboardEvent } from 'react';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';

/**
 * A list of short phrases edited as chips: type and press Enter (or a comma)
 * to add, × or Backspace on an empty box to remove. Duplicates are ignored.
 */
export function ChipsInput({ label, values, onChange, max, maxLength, error, testId, hint }: { label: string; values: string[]; onChange: (values: string[]) => void; max: number; maxLength: number; error?: string; testId: string; hint?: string }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');

  function add() {
    const value = text.trim();
    if (!value) return;
    if (!values.includes(value) && values.length < max) onChange([...values, value]);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',' || event.key === '，') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && text === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div className="field" data-testid={testId}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="chips-input">
        <ul className="chips-input__list" aria-label={label}>
          {values.map((value) => (
            <li key={value} className="chip" data-testid={`${testId}-chip`}>
              {value}
              <button type="button" className="chip__remove" aria-label={t('kol.personas.chipRemove', { value })} onClick={() => onChange(values.filter((v) => v !== value))}>
                <Icon name="close" size={12} />
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          className="input chips-input__box"
          value={text}
          maxLength={maxLength}
          disabled={values.length >= max}
          placeholder={t('kol.personas.chipPlaceholder')}
          data-testid={`${testId}-input`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          onBlur={add}
        />
      </div>
      {hint ? <span className="field__hint">{hint}</span> : null}
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
