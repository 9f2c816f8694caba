import { useEffect, useRef } from 'react';
import type { PhotoRunView, PhotoVariantView } from '../../../shared/api/photo-contract.js';
import type { Effect } from '../../../shared/motion.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { mediaFromAsset, useComposerStore } from '../../stores/composerStore.js';
import { toastError, toastInfo, toastSuccess } from '../../stores/toastStore.js';
import { MotionPanel } from './MotionPanel.js';
import { fileName, shareImage } from './share.js';

/**
 * The chosen variant full size, with download, share (the system sheet or the
 * clipboard), "use in a post" (the composer with it attached) and, below,
 * "add motion".
 */
export function ChosenPhoto({ run, variant, suggested, onBack }: { run: PhotoRunView; variant: PhotoVariantView; suggested: Effect; onBack: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const url = api().mediaUrl(variant.file);

  // Opening it moves the reader to it, as a dialog would.
  useEffect(() => heading.current?.focus(), [variant.seed]);

  async function share() {
    const outcome = await shareImage(variant.file, fileName(variant.file));
    if (outcome === 'copied') toastSuccess(t('photo.chosen.copied'));
    else if (outcome === 'failed') toastInfo(t('gen.copyFailed'));
  }

  async function usePost() {
    try {
      const { asset } = await api().call('photo.usePost', { id: run.id, seed: variant.seed });
      const media = mediaFromAsset(asset);
      useComposerStore.getState().openComposer({ media: media ? [media] : [] });
    } catch (err) {
      toastError(errorInfoOf(err));
    }
  }

  return (
    <div className="photo-chosen" data-testid="photo-chosen" data-seed={variant.seed}>
      <section className="card photo-step" aria-labelledby="photo-chosen-title">
        <h3 className="photo-step__title" id="photo-chosen-title" ref={heading} tabIndex={-1}>
          {t('photo.chosen.title')}
          {variant.draft ? <span className="badge badge--queued"> {t('photo.results.draft')}</span> : null}
        </h3>
        <img className="photo-chosen__img" src={url} alt={t('photo.chosen.alt')} width={variant.width} height={variant.height} data-testid="photo-chosen-img" />
        <div className="photo-actions">
          <a className="btn btn--primary btn--small" href={url} download={fileName(variant.file)} data-testid="photo-chosen-download">
            <Icon name="arrowDown" size={14} /> {t('photo.chosen.download')}
          </a>
          <button type="button" className="btn btn--ghost btn--small" data-testid="photo-chosen-share" onClick={() => void share()}>
            <Icon name="share" size={14} /> {t('photo.chosen.share')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" data-testid="photo-chosen-post" onClick={() => void usePost()}>
            <Icon name="article" size={14} /> {t('photo.chosen.usePost')}
          </button>
          {run.variants.length > 1 ? (
            <button type="button" className="btn btn--ghost btn--small" data-testid="photo-chosen-back" onClick={onBack}>
              {t('photo.chosen.close')}
            </button>
          ) : null}
        </div>
      </section>
      <MotionPanel run={run} seed={variant.seed} suggested={suggested} />
    </div>
  );
}
