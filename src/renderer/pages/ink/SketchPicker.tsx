import { useRef } from 'react';
import { api } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { useInkStore } from '../../stores/inkStore.js';

/** Step 1: a picture from the library, or an upload (through the library's own import) that is then picked. */
export function SketchPicker({ chosen, onChoose }: { chosen: string | null; onChoose: (assetId: string) => void }) {
  const t = useT();
  const images = useInkStore((s) => s.images);
  const uploading = useInkStore((s) => s.uploading);
  const upload = useInkStore((s) => s.upload);
  const input = useRef<HTMLInputElement>(null);
  const current = images.find((a) => a.id === chosen);

  async function picked(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    const id = await upload(file);
    if (id) onChoose(id);
    if (input.current) input.current.value = '';
  }

  return (
    <div className="card ink-step" data-testid="ink-sketch">
      <h2 className="card__title">{t('ink.sketch.heading')}</h2>
      <div className="ink-step__row">
        <button type="button" className="btn btn--ghost btn--small" disabled={uploading} onClick={() => input.current?.click()} data-testid="ink-upload">
          <Icon name="arrowUp" size={14} /> {uploading ? t('ink.sketch.uploading') : t('ink.sketch.upload')}
        </button>
        <input ref={input} type="file" accept="image/*" hidden onChange={(e) => void picked(e.target.files)} data-testid="ink-upload-input" />
        {current ? <span className="ink-muted" data-testid="ink-chosen">{t('ink.sketch.chosen', { name: current.name })}</span> : null}
      </div>
      {images.length === 0 ? (
        <p className="ink-muted">{t('ink.sketch.empty')}</p>
      ) : (
        <ul className="ink-thumbs">
          {images.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={`ink-thumb${a.id === chosen ? ' ink-thumb--chosen' : ''}`}
                aria-pressed={a.id === chosen}
                aria-label={t('ink.sketch.pick', { name: a.name })}
                onClick={() => onChoose(a.id)}
                data-testid="ink-thumb"
              >
                <img src={api().mediaUrl(a.thumb ?? a.file)} alt="" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
