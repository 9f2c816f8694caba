import { useState } from 'react';
import { PLATFORMS } from '../../../shared/generate/platforms.js';
import type { SocialProject } from '../../../shared/generate/projects.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { mediaFromFile, useComposerStore } from '../../stores/composerStore.js';
import { toastInfo, toastSuccess } from '../../stores/toastStore.js';
import { MediaImage } from '../generate/MediaImage.js';
import { PickedInputRow } from '../../components/LibraryPick.js';
import { postText, VariantCard } from './VariantCard.js';

/** A finished post: the three captions to choose from (copied on choosing) and the image. */
export function SocialResultView({ project }: { project: SocialProject & { result: NonNullable<SocialProject['result']> } }) {
  const t = useT();
  const language = useLanguage();
  const [chosen, setChosen] = useState<number | null>(null);
  const r = project.result;
  const platform = PLATFORMS.find((p) => p.id === r.platform);

  /** Opens the Composer with this caption (and its hashtags) and the post's image. */
  function schedule(i: number) {
    setChosen(i);
    useComposerStore.getState().openComposer({ text: postText(r.variants[i]!), media: r.imagePath ? [mediaFromFile(r.imagePath)] : [] });
  }

  async function choose(i: number) {
    setChosen(i);
    try {
      await navigator.clipboard.writeText(postText(r.variants[i]!));
      toastSuccess(t('social.chosenToast', { n: i + 1 }));
    } catch {
      toastInfo(t('gen.copyFailed'));
    }
  }

  return (
    <div className="gen-result" data-testid="social-result">
      <section className="card">
        <div className="gen-result__head">
          <h2 className="card__title">{platform ? platform.label[language] : r.platform}</h2>
          {r.draft ? <span className="badge badge--queued">{t('gen.draft')}</span> : null}
        </div>
        <h3 className="gen-subtitle">{t('social.variants')}</h3>
        <div className="variant-grid">
          {r.variants.map((v, i) => (
            <VariantCard key={i} variant={v} index={i} max={platform?.maxChars ?? 2200} chosen={chosen === i} onChoose={() => void choose(i)} onSchedule={() => schedule(i)} />
          ))}
        </div>
      </section>
      {r.imagePath ? (
        <section className="card">
          <h3 className="card__title">
            {t('social.image')} · {r.aspect}
          </h3>
          <PickedInputRow libraryId={project.request.imageLibraryId} testId="social-input-image" />
          <MediaImage file={r.imagePath} alt={project.title} testId="social-image" />
        </section>
      ) : null}
    </div>
  );
}
