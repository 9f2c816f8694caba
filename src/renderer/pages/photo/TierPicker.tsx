import type { PhotoTier } from '../../../shared/photo/requests.js';
import { useT } from '../../i18n/index.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { Segmented } from '../generate/fields.js';
import { keyText } from './photoText.js';

/** Free (1 watermarked photo a day, no motion) or paid (4 to choose from), with how many free are left today. */
export function TierPicker({ id, value, onChange, single = false }: { id: string; value: PhotoTier; onChange: (tier: PhotoTier) => void; /** The tool makes one photo (repair): no 4-choose-1 to offer. */ single?: boolean }) {
  const t = useT();
  const free = usePhotoStore((s) => s.free);
  const reason = free?.reason ? keyText(free.reason.key, free.reason.params ?? {}, t).text : null;
  return (
    <div className="photo-step">
      <Segmented
        label={t('photo.tier')}
        testId={id}
        value={value}
        onChange={onChange}
        options={[
          { value: 'paid', label: t(single ? 'photo.tier.paidOne' : 'photo.tier.paid') },
          { value: 'free', label: t(single ? 'photo.tier.freeOne' : 'photo.tier.free') },
        ]}
      />
      {free ? (
        <span className="photo-free" data-testid={`${id}-left`} data-left={free.left} aria-live="polite">
          {free.left > 0 ? t('photo.free.left', { count: free.left }) : (reason ?? t('photo.free.none'))}
        </span>
      ) : null}
    </div>
  );
}
