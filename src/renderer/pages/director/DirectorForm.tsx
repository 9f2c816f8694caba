import { useEffect, useState } from 'react';
import { DIRECTOR_ASPECTS, type DirectorRequestInput } from '../../../shared/generate/requests.js';
import type { ToneId } from '../../../shared/generate/tones.js';
import type { CostLine } from '../../../shared/pricing.js';
import type { ProviderStatus } from '../../../shared/providers.js';
import type { Language } from '../../../shared/settings.js';
import { api } from '../../api/index.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { ContentLanguageField, Field, keywordsOf, Segmented, ToneField, TopicFields } from '../generate/fields.js';
import { GenerateForm } from '../generate/GenerateForm.js';
import { choiceProviderOf, PAYER_NAMES, textProviderOf } from '../generate/modelChoice.js';
import { ModelPicker } from '../generate/ModelPicker.js';
import { useModelChoice, useProviderChoices } from '../generate/useProviderChoices.js';
import { useEstimate } from '../generate/useEstimate.js';
import { useStartProject } from '../generate/useStartProject.js';
import { BackendPicker } from './BackendPicker.js';
import { backendOptionOf, backendPayer, settledBackend } from './backends.js';
import { StylePicker } from '../../components/StylePicker.js';

type Aspect = (typeof DIRECTOR_ASPECTS)[number];

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value) || min));
}

/** Stage 1's request: topic, tone, language, aspect, length, scenes and the rendering backend, with the cost first. */
export function DirectorForm() {
  const t = useT();
  const uiLanguage = useLanguage();
  const [topic, setTopic] = useState('');
  const [keywords, setKeywords] = useState('');
  const [tone, setTone] = useState<ToneId>('friendly');
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [aspect, setAspect] = useState<Aspect>('9:16');
  const [seconds, setSeconds] = useState(24);
  const [scenes, setScenes] = useState(5);
  const [pickedBackend, setBackend] = useState('offline');
  const choices = useProviderChoices();
  const [model, setModel] = useModelChoice(choices);
  const [small, setSmall] = useState(false);
  const [providers, setProviders] = useState<ProviderStatus[] | null>(null);

  useEffect(() => {
    // Only to offer ComfyUI when a video workflow is loaded; if the status cannot be read, ComfyUI stays out of the list.
    api()
      .call('providers.status', {})
      .then(setProviders, () => setProviders(null));
  }, []);

  const backendValue = settledBackend(pickedBackend, providers, choices);
  const { backend, via } = backendOptionOf(backendValue);
  // Who bills a line paid with the user's own key: the script's provider, or the backend's.
  const payer = (line: CostLine) => (line.label === 'script' ? PAYER_NAMES[choiceProviderOf(model)] : backendPayer(backend, choices));
  const [styleId, setStyleId] = useState<string | undefined>();
  const request: DirectorRequestInput = {
    topic: topic.trim(),
    keywords: keywordsOf(keywords),
    tone,
    language,
    aspect,
    targetSeconds: clamp(seconds, 10, 120),
    sceneCount: clamp(scenes, 2, 12),
    backend,
    ...(via ? { renderVia: via } : {}),
    text: textProviderOf(model),
    ...(small ? { height: 320, quality: 'draft' as const } : {}),
    ...(styleId ? { styleId } : {}),
  };
  const valid = request.topic.length >= 2;
  const estimate = useEstimate(valid ? { kind: 'video', request } : null);

  const { starting, error, start } = useStartProject('video', () => api().call('generate.video', { request }));

  return (
    <GenerateForm prefix="director" submitTestId="director-write" icon="clapper" submitLabel={t('director.writeScript')} valid={valid} estimate={estimate} payer={payer} starting={starting} error={error} onStart={start}>
      <TopicFields prefix="director" topic={topic} keywords={keywords} onTopic={setTopic} onKeywords={setKeywords} />
      <div className="gen-form__grid">
        <ToneField id="director-tone" value={tone} onChange={setTone} />
        <ContentLanguageField id="director-language" value={language} onChange={setLanguage} />
        <Field label={t('director.seconds')} htmlFor="director-seconds">
          <input id="director-seconds" className="input input--number" type="number" min={10} max={120} value={seconds} data-testid="director-seconds" onChange={(e) => setSeconds(Number(e.target.value))} />
        </Field>
        <Field label={t('director.sceneCount')} htmlFor="director-scene-count">
          <input id="director-scene-count" className="input input--number" type="number" min={2} max={12} value={scenes} data-testid="director-scene-count" onChange={(e) => setScenes(Number(e.target.value))} />
        </Field>
        <BackendPicker value={backendValue} providers={providers} choices={choices} onChange={setBackend} />
        <ModelPicker id="director-model" value={model} choices={choices} onChange={setModel} />
      </div>
      <div className="gen-form__grid">
        <Segmented label={t('director.aspect')} testId="director-aspect" value={aspect} onChange={setAspect} options={DIRECTOR_ASPECTS.map((a) => ({ value: a, label: a }))} />
        <label className="gen-check">
          <input type="checkbox" checked={small} data-testid="director-small" onChange={(e) => setSmall(e.target.checked)} />
          {t('director.small')}
        </label>
      </div>
      <StylePicker value={styleId} onChange={setStyleId} testId="director-style" />
    </GenerateForm>
  );
}
