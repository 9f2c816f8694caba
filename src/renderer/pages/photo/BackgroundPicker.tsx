import { useId, useRef, useState } from 'react';
import { BACKGROUND_PRESETS, PRESET_INFO, type BackgroundPreset } from '../../../shared/photo/presets.js';
import type { BackgroundChoice } from '../../../shared/photo/requests.js';
import type { PhotoPresetView } from '../../../shared/api/photo-contract.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { toastError } from '../../stores/toastStore.js';
import { PHOTO_ACCEPT } from './uploadRules.js';

/**
 * A swatch for each bundled background until (or unless) main sends its preview:
 * the scene's main colours, so the eight are told apart at a glance.
 */
const SWATCHES: Record<BackgroundPreset, string> = {
  'rosewood-living-room': 'linear-gradient(160deg, #7a2e1d 0%, #4a1a10 55%, #b23a2b 100%)',
  'forbidden-city-wall': 'linear-gradient(180deg, #f2c14e 0%, #f2c14e 22%, #a61c1c 23%, #8b1515 100%)',
  guochao: 'radial-gradient(circle at 50% 45%, #f6d36b 0 22%, #c81e3a 23% 60%, #1f1b2e 61%)',
  'european-mansion': 'linear-gradient(180deg, #efe6d2 0%, #cdbb94 60%, #8c7653 100%)',
  'new-year-dinner': 'linear-gradient(180deg, #b91c1c 0%, #7f1d1d 50%, #f59e0b 100%)',
  'lantern-festival': 'radial-gradient(circle at 30% 35%, #ff6b3d 0 10%, transparent 11%), radial-gradient(circle at 70% 30%, #ffb347 0 9%, transparent 10%), linear-gradient(180deg, #0f172a, #3b0d2e)',
  snow: 'linear-gradient(180deg, #cfe3f5 0%, #eef5fb 60%, #ffffff 100%)',
  seaside: 'linear-gradient(180deg, #7cc6f2 0%, #3aa0d8 50%, #f4dca0 51%, #e8c983 100%)',
};

/** The 8 bundled backgrounds by name with their previews (colour swatches until main has drawn them), or the user's own image, as one radio group. */
export function BackgroundPicker({ id, value, presets, onChange }: { id: string; value: BackgroundChoice | null; presets: PhotoPresetView[] | null; onChange: (choice: BackgroundChoice) => void }) {
  const t = useT();
  const language = useLanguage();
  const labelId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [ownName, setOwnName] = useState<string | null>(null);
  const list = presets?.map((p) => p.id) ?? BACKGROUND_PRESETS;
  const thumbs = usePhotoStore((s) => s.presetThumbs);
  const own = value && 'image' in value ? value.image : null;

  async function pickOwn(file: File | undefined) {
    if (!file) return;
    try {
      const path = await api().stageFile(file);
      setOwnName(file.name);
      onChange({ image: path });
    } catch (err) {
      toastError(errorInfoOf(err));
    }
  }

  return (
    <fieldset className="photo-backgrounds" data-testid={id}>
      <legend className="visually-hidden" id={labelId}>
        {t('photo.background')}
      </legend>
      <div className="photo-backgrounds__grid" role="radiogroup" aria-labelledby={labelId}>
        {list.map((p) => {
          const thumbnail = thumbs[p] ?? null;
          const checked = value !== null && 'preset' in value && value.preset === p;
          return (
            <label key={p} className={checked ? 'photo-preset photo-preset--checked' : 'photo-preset'} data-testid={`${id}-${p}`}>
              <input type="radio" className="visually-hidden" name={`${id}-preset`} value={p} checked={checked} onChange={() => onChange({ preset: p })} />
              {thumbnail ? (
                <img className="photo-preset__swatch" src={thumbnail} alt="" aria-hidden="true" data-testid={`${id}-${p}-thumb`} />
              ) : (
                <span className="photo-preset__swatch" style={{ background: SWATCHES[p] }} aria-hidden="true" />
              )}
              <span className="photo-preset__name">{PRESET_INFO[p].names[language]}</span>
            </label>
          );
        })}
      </div>
      {/* Not a radio: arrowing through the presets must not open a file picker. */}
      <button type="button" className={own ? 'photo-preset photo-preset--own photo-preset--checked' : 'photo-preset photo-preset--own'} aria-pressed={own !== null} data-testid={`${id}-own`} onClick={() => fileRef.current?.click()}>
        <span className="photo-preset__swatch photo-preset__swatch--own" aria-hidden="true">
          <Icon name="upload" size={22} />
        </span>
        <span className="photo-preset__name">{own && ownName ? t('photo.background.ownChosen', { name: ownName }) : t('photo.background.own')}</span>
      </button>
      <input
        ref={fileRef}
        type="file"
        accept={PHOTO_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('photo.background.ownChoose')}
        data-testid={`${id}-file`}
        onChange={(e) => {
          void pickOwn(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
    </fieldset>
  );
}
