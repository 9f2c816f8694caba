import { useState } from 'react';
import { STYLE_LIMITS } from '../../../shared/style/profile.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useStyleStore } from '../../stores/styleStore.js';
import { LibraryImagePicker } from '../../components/LibraryImagePicker.js';

/** A new style: a name, 3–10 library images, and who writes the fragment. */
export function CreateStyle() {
  const t = useT();
  const act = useStyleStore((s) => s.act);
  const select = useStyleStore((s) => s.select);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [writer, setWriter] = useState<'offline' | 'gemini'>('offline');
  const [busy, setBusy] = useState(false);
  const enough = chosen.length >= STYLE_LIMITS.minImages && chosen.length <= STYLE_LIMITS.maxImages;

  const extract = async () => {
    setBusy(true);
    let createdId: string | null = null;
    const ok = await act(async () => {
      const created = await api().call('style.create', { name: name.trim(), assetIds: chosen, writer });
      createdId = created.id;
      return created;
    });
    setBusy(false);
    if (ok && createdId) {
      setChosen([]);
      setName('');
      void select(createdId);
    }
  };

  return (
    <section className="card" data-testid="style-create">
      <h2 className="card__title">{t('style.new')}</h2>
      <label className="field">
        <span className="field__label">{t('style.name')}</span>
        <input className="input" value={name} placeholder={t('style.namePlaceholder')} data-testid="style-name" onChange={(e) => setName(e.target.value)} />
      </label>
      <p className="field__label">
        {t('style.pickImages')} · <span data-testid="style-picked">{t('style.picked', { count: chosen.length })}</span>
      </p>
      <LibraryImagePicker chosen={chosen} max={STYLE_LIMITS.maxImages} testId="style-refs" onToggle={(id) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))} />
      <label className="field">
        <span className="field__label">{t('style.writer')}</span>
        <select className="input" value={writer} data-testid="style-writer" onChange={(e) => setWriter(e.target.value as 'offline' | 'gemini')}>
          <option value="offline">{t('style.writer.offline')}</option>
          <option value="gemini">{t('style.writer.gemini')}</option>
        </select>
      </label>
      <button type="button" className="btn btn--primary" disabled={!enough || !name.trim() || busy} data-testid="style-extract" onClick={() => void extract()}>
        {busy ? t('style.extracting') : t('style.extract')}
      </button>
    </section>
  );
}
