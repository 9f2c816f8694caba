import { useState } from 'react';
import type { BlogRequestInput } from '../../../shared/generate/requests.js';
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

type Cover = 'none' | 'standard' | 'fine';

/** What to write: topic, keywords, tone, language, length, model and cover; the cost shows before Generate. */
export function BlogForm() {
  const t = useT();
  const uiLanguage = useLanguage();
  const [topic, setTopic] = useState('');
  const [keywords, setKeywords] = useState('');
  const [tone, setTone] = useState<ToneId>('professional');
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [length, setLength] = useState(1200);
  const choices = useProviderChoices();
  const [model, setModel] = useModelChoice(choices);
  const [cover, setCover] = useState<Cover>('standard');
  const [styleId, setStyleId] = useState<string | undefined>();
  const [picked, setPicked] = useState<AssetView | null>(null);

  const request: BlogRequestInput = {
    topic: topic.trim(),
    keywords: keywordsOf(keywords),
    tone,
    language,
    length: Math.min(5000, Math.max(300, Math.round(length) || 300)),
    cover,
    text: textProviderOf(model),
    image: imageProviderOf(model),
    ...(styleId ? { styleId } : {}),
    ...(picked && cover !== 'none' ? { imageLibraryId: picked.id } : {}),
  };
  const valid = request.topic.length >= 2;
  const estimate = useEstimate(valid ? { kind: 'blog', request } : null);

  const { starting, error, start: generate } = useStartProject('blog', () => api().call('generate.blog', { request }));

  return (
    <GenerateForm prefix="blog" submitTestId="blog-generate" icon="article" submitLabel={t('gen.generate')} valid={valid} estimate={estimate} payer={() => PAYER_NAMES[choiceProviderOf(model)]} starting={starting} error={error} onStart={generate}>
      <TopicFields prefix="blog" topic={topic} keywords={keywords} onTopic={setTopic} onKeywords={setKeywords} />
      <div className="gen-form__grid">
        <ToneField id="blog-tone" value={tone} onChange={setTone} />
        <ContentLanguageField id="blog-language" value={language} onChange={setLanguage} />
        <Field label={t('blog.length')} htmlFor="blog-length" hint={t('blog.lengthHint')}>
          <input id="blog-length" className="input input--number" type="number" min={300} max={5000} step={100} value={length} data-testid="blog-length" onChange={(e) => setLength(Number(e.target.value))} />
        </Field>
        <ModelPicker id="blog-model" value={model} choices={choices} onChange={setModel} />
      </div>
      <Segmented
        label={t('blog.cover')}
        testId="blog-cover"
        value={cover}
        onChange={setCover}
        options={qualityOptions(t)}
      />
      {cover !== 'none' ? <LibraryPick chosen={picked} onPick={setPicked} onClear={() => setPicked(null)} openLabel={t('gen.libraryPick.open')} testId="blog-cover-pick" /> : null}
      <StylePicker value={styleId} onChange={setStyleId} testId="blog-style" />
    </GenerateForm>
  );
}
