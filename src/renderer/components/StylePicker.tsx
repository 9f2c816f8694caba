import { useEffect, useState } from 'react';
import type { StyleProfileView } from '../../shared/style/profile.js';
import { api } from '../api/index.js';
import { useT } from '../i18n/index.js';

/**
 * Names a locked Style-Locker style for a generation (blog cover, social
 * image, Director scenes, photo studio, character variants): only locked
 * styles are offered, since only those are applied. Renders nothing when
 * there is none, so the forms stay as they were for users without styles.
 */
export function StylePicker({ value, onChange, testId = 'style-picker' }: { value: string | undefined; onChange: (styleId: string | undefined) => void; testId?: string }) {
  const t = useT();
  const [locked, setLocked] = useState<StyleProfileView[]>([]);
  useEffect(() => {
    let live = true;
    api()
      .call('style.list', {})
      .then((all) => {
        if (live) setLocked(all.filter((s) => s.locked && s.status === 'ready'));
      })
      .catch(() => {
        // Without the list the form works unstyled; the Style-Locker page shows the error.
      });
    return () => {
      live = false;
    };
  }, []);
  if (locked.length === 0) return null;
  return (
    <label className="field">
      <span className="field__label">{t('style.pickerLabel')}</span>
      <select className="input" value={value ?? ''} data-testid={testId} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t('style.none')}</option>
        {locked.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
