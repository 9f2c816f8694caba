import { LANGUAGES } from '../../shared/settings.js';
import { isLanguage, LANGUAGE_NAMES, useLanguage } from '../i18n/index.js';
import { useSettingsStore } from '../stores/settingsStore.js';

/** A select of the UI languages, each named in itself. */
export function LanguageSelect({ id, testId, className }: { id?: string; testId: string; className?: string }) {
  const language = useLanguage();
  const changeLanguage = useSettingsStore((s) => s.changeLanguage);
  return (
    <select
      id={id}
      className={className ? `select ${className}` : 'select'}
      value={language}
      data-testid={testId}
      onChange={(event) => {
        if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
      }}
    >
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang} lang={lang}>
          {LANGUAGE_NAMES[lang]}
        </option>
      ))}
    </select>
  );
}
