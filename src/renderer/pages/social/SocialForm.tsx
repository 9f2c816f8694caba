import { useState } from 'react';
import { PLATFORMS, type PlatformId } from '../../../shared/generate/platforms.js';
import { SOCIAL_ASPECTS, type SocialRequestInput } from '../../../shared/generate/requests.js';
import type { ToneId } from '../../../shared/generate/tones.js';
import type { Language } from '../../../shared/settings.js';
import { api } from '../../api/index.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { ContentLanguageField, Field, keywordsOf, qualityOptions, Segmented, ToneField, TopicFields } from '../generate/fields.js';
import { GenerateForm } from '../generate/GenerateForm.js';
import { choiceProviderOf, imageProviderOf, PAYER_NAMES, textProviderOf } from '../generate/modelChoice.js';
import { ModelPicker } from '../generate/ModelPicker.js';
import { useModelChoice, useProviderChoices } from '../generate/useProviderChoices.js';
import { useEstimate } from '../generate/useEstimate.js';
import { useStartProject } from '../generate/useStartProject.js';
import { StylePicker } from '../../components/StylePicker.js';
import { LibraryPick } from '../../components/LibraryPick.js';
import type { AssetView } from '../../../shared/library.js';

type Aspect = (typeof SOCIAL_ASPECTS)[number];
type Quality = 'none' | 'standard' | 'fine';

/** Platform, topic, tone, language, image aspect and quality; the cost shows before Generate. */
export function SocialForm() {
  const t = useT();
  const uiLanguage = useLanguage();
  const [platform, setPlatform] = useState<PlatformId>('instagram');
  const [topic, setTopic] = useState('');
  const [keywords, setKeywords] = useState('');
  const [tone, setTone] = useState<ToneId>('friendly');
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [aspect, setAspect] = useState<Aspect | null>(null);
  const [quality, setQuality] = useState<Quality>('standard');
  const choices = useProviderChoices();
  const [model, setModel] = useModelChoice(choices);

  const info = PLATFORMS.find((p) => p.id === platform)!;
  const effectiveAspect = aspect ?? info.defaultAspect;
  const [styleId, setStyleId] = useState<string | undefined>();
  const [picked, setPicked] = useState<AssetView | null>(null);
  const request: SocialRequestInput = {
    platform,
    topic: topic.trim(),
    keywords: keywordsOf(keywords),
    tone,
    language,
    aspect: effectiveAspect,
    imageQuality: quality,
    text: textProviderOf(model),
    image: imageProviderOf(model),
    ...(styleId ? { styleId } : {}),
    ...(picked && quality !== 'none' ? { imageLibraryId: picked.id } : {}),
  };
  const valid = request.topic.length >= 2;
  const estimate = useEstimate(valid ? { kind: 'social', request } : null);
  const hashtags = info.hashtags.max === 0 ? t('social.noHashtags') : t('social.hashtags', { min: info.hashtags.min, max: info.hashtags.max });

  const { starting, error, start: generate } = useStartProject('social', () => api().call('generate.social', { request }));

  return (
    <GenerateForm prefix="social" submitTestId="social-generate" icon="share" submitLabel={t('gen.generate')} valid={valid} estimate={estimate} payer={() => PAYER_NAMES[choiceProviderOf(model)]} starting={starting} error={error} onStart={generate}>
      <div className="gen-form__grid">
        <Field
          label={t('social.platform')}
          htmlFor="social-platform"
          hint={<span className="platform-hint" data-testid="social-platform-limit">{t('social.limit', { max: info.maxChars, ideal: info.idealChars, hashtags })}</span>}
        >
          <select
            id="social-platform"
            className="select"
            value={platform}
            data-testid="social-platform"
            onChange={(e) => {
              setPlatform(e.target.value as PlatformId);
              setAspect(null);
            }}
          >
            {PLATFORMS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label[uiLanguage]}
              </option>
            ))}
          </select>
        </Field>
        <ToneField id="social-tone" value={tone} onChange={setTone} />
        <ContentLanguageField id="social-language" value={language} onChange={setLanguage} />
        <ModelPicker id="social-model" value={model} choices={choices} onChange={setModel} />
      </div>
      <TopicFields prefix="social" topic={topic} keywords={keywords} onTopic={setTopic} onKeywords={setKeywords} />
      <div className="gen-form__grid">
        <Segmented
          label={`${t('social.aspect')} · ${t('social.aspectDefault', { aspect: info.defaultAspect })}`}
          testId="social-aspect"
          value={effectiveAspect}
          onChange={setAspect}
          options={SOCIAL_ASPECTS.map((a) => ({ value: a, label: a }))}
        />
        <Segmented
          label={t('social.imageQuality')}
          testId="social-quality"
          value={quality}
          onChange={setQuality}
          options={qualityOptions(t)}
        />
      </div>
      {quality !== 'none' ? <LibraryPick chosen={picked} onPick={setPicked} onClear={() => setPicked(null)} openLabel={t('gen.libraryPick.open')} testId="social-image-pick" /> : null}
      <StylePicker value={styleId} onChange={setStyleId} testId="social-style" />
    </GenerateForm>
  );
}
