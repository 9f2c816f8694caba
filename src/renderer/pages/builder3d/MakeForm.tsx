import { useEffect, useState } from 'react';
import type { MeshBackendChoice, MeshBackendOption } from '../../../shared/api/mesh-contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { AssetView } from '../../../shared/library.js';
import { MESH_LIMITS } from '../../../shared/mesh/jobs.js';
import { PRINT_PROCESSES, type PrintProcess } from '../../../shared/mesh/processes.js';
import type { ChoiceStatus } from '../../../shared/providers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useMeshStore } from '../../stores/meshStore.js';
import { ChoiceActions } from '../generate/ChoiceActions.js';
import { Field } from '../generate/fields.js';
import { takeBuilderStart } from '../../lib/builder3dStart.js';

const key = (c: MeshBackendChoice) => `${c.backend}/${c.via}`;

export function backendLabel(t: Translate, o: Pick<MeshBackendOption, 'backend' | 'via'>): string {
  const name = t(`mesh.backend.${o.backend}`);
  return o.backend === 'offline' || o.backend === 'comfyui' ? name : t(o.via === 'cloud' ? 'mesh.via.cloud' : 'mesh.via.own', { name });
}

/** What one backend costs, as the picker and the estimate say it. */
export function costLabel(t: Translate, o: MeshBackendOption): string {
  if (o.billing === 'credits') return t('mesh.cost.credits', { credits: o.credits });
  if (o.billing === 'own-key') return t('mesh.cost.ownKey');
  return t('mesh.cost.free');
}

/** The library's pictures to start from (newest first), or a file picked here. */
function ImagePicker({ value, onChange }: { value: { asset: string } | { path: string; name: string } | null; onChange: (v: { asset: string } | { path: string; name: string }) => void }) {
  const t = useT();
  const [images, setImages] = useState<AssetView[]>([]);
  useEffect(() => {
    void api()
      .call('library.list', { kind: 'image', sort: 'newest', limit: 24, offset: 0 })
      .then((page) => setImages(page.items))
      .catch(() => setImages([]));
  }, []);
  return (
    <div className="mesh-images" data-testid="mesh-image-picker">
      {images.map((a) => (
        <button
          key={a.id}
          type="button"
          className={`mesh-images__item${value && 'asset' in value && value.asset === a.id ? ' mesh-images__item--chosen' : ''}`}
          data-testid={`mesh-image-${a.name}`}
          aria-pressed={Boolean(value && 'asset' in value && value.asset === a.id)}
          onClick={() => onChange({ asset: a.id })}
        >
          {a.thumb ? <img src={api().mediaUrl(a.thumb)} alt={a.name} /> : <span>{a.name}</span>}
        </button>
      ))}
      <label className="btn btn--ghost btn--small">
        {value && 'path' in value ? t('mesh.make.picked', { name: value.name }) : t('mesh.make.upload')}
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp"
          hidden
          data-testid="mesh-image-upload"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void api().stageFile(file).then((path) => onChange({ path, name: file.name }));
          }}
        />
      </label>
      {images.length === 0 ? <p className="field__hint">{t('mesh.make.noImages')}</p> : null}
    </div>
  );
}

/** Step 1: an image, the backends (each priced, each unusable one with its one action), the print size and process. */
export function MakeForm({ onMade }: { onMade: (id: string) => void }) {
  const t = useT();
  const backends = useMeshStore((s) => s.backends);
  const received = useMeshStore((s) => s.received);
  const [image, setImage] = useState<{ asset: string } | { path: string; name: string } | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>(['offline/cloud']);
  const [sizeMm, setSizeMm] = useState<number>(MESH_LIMITS.defaultSizeMm);
  const [process, setProcess] = useState<PrintProcess>('fdm');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [character, setCharacter] = useState<{ id: string; name: string } | null>(null);

  // Opened from a character's page: its first reference is the image and its name the model's.
  useEffect(() => {
    let live = true;
    void takeBuilderStart().then((start) => {
      if (!live || !start) return;
      setCharacter({ id: start.characterId, name: start.name });
      setName(start.name);
      if (start.assetId) setImage({ asset: start.assetId });
    });
    return () => {
      live = false;
    };
  }, []);

  const options = backends ?? [];
  const picked = options.filter((o) => chosen.includes(key(o)) && o.usable);
  const total = picked.reduce((sum, o) => sum + o.credits, 0);
  const blocked: ChoiceStatus[] = options
    .filter((o) => !o.usable && o.provider && o.action)
    .filter((o, i, all) => all.findIndex((x) => x.provider === o.provider) === i)
    .map((o) => ({ provider: o.provider!, mode: o.provider === 'cloud' ? 'cloud' : 'own-key', usable: false, action: o.action }));

  async function start() {
    if (!image || picked.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const model = await api().call('mesh.make', {
        image: 'asset' in image ? { asset: image.asset } : { path: image.path },
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(character ? { characterId: character.id } : {}),
        backends: picked.map((o) => ({ backend: o.backend, via: o.via })),
        sizeMm,
        process,
      });
      received(model);
      onMade(model.id);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card mesh-make" data-testid="mesh-make">
      <h2>{t('mesh.make.title')}</h2>
      {character ? (
        <p className="muted" data-testid="mesh-make-character">
          {t('mesh.make.fromCharacter', { name: character.name })}
        </p>
      ) : null}
      <Field label={t('mesh.make.image')} htmlFor="mesh-image">
        <ImagePicker value={image} onChange={setImage} />
      </Field>
      <Field label={t('mesh.make.name')} htmlFor="mesh-name">
        <input id="mesh-name" className="input" value={name} maxLength={80} data-testid="mesh-name" onChange={(e) => setName(e.target.value)} />
      </Field>
      <fieldset className="mesh-backends" data-testid="mesh-backends">
        <legend>{t('mesh.make.backends')}</legend>
        {options.map((o) => (
          <label key={key(o)} className={o.usable ? '' : 'mesh-backends--disabled'} data-testid={`mesh-backend-${o.backend}-${o.via}`} data-usable={o.usable ? 'true' : 'false'}>
            <input
              type="checkbox"
              disabled={!o.usable}
              checked={chosen.includes(key(o)) && o.usable}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, key(o)] : c.filter((k) => k !== key(o))))}
            />
            {backendLabel(t, o)} — <span data-testid={`mesh-backend-cost-${o.backend}-${o.via}`}>{costLabel(t, o)}</span>
            {o.draft ? <span className="badge">{t('mesh.draft')}</span> : null}
            {!o.usable && o.action ? <span className="field__hint"> {t(`choices.action.${o.action}`)}</span> : null}
          </label>
        ))}
        <ChoiceActions id="mesh-backends" blocked={blocked} />
      </fieldset>
      <div className="mesh-make__row">
        <Field label={t('mesh.make.size')} htmlFor="mesh-size" hint={t('mesh.make.sizeHint')}>
          <input
            id="mesh-size"
            className="input"
            type="number"
            min={MESH_LIMITS.minSizeMm}
            max={MESH_LIMITS.maxSizeMm}
            value={sizeMm}
            data-testid="mesh-size"
            onChange={(e) => setSizeMm(Number(e.target.value))}
          />
        </Field>
        <Field label={t('mesh.make.process')} htmlFor="mesh-process">
          <select id="mesh-process" className="select" value={process} data-testid="mesh-process" onChange={(e) => setProcess(e.target.value as PrintProcess)}>
            {PRINT_PROCESSES.map((p) => (
              <option key={p} value={p}>
                {t(`mesh.process.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="mesh-estimate" data-testid="mesh-estimate" data-total={total}>
        <strong>{t('mesh.estimate.title')}</strong>
        <ul>
          {picked.map((o) => (
            <li key={key(o)}>
              {backendLabel(t, o)}: {costLabel(t, o)}
            </li>
          ))}
        </ul>
        <span data-testid="mesh-estimate-total">{total > 0 ? t('mesh.estimate.total', { credits: total }) : t('mesh.estimate.none')}</span>
      </div>
      {error ? <ErrorText error={error} messageTestId="mesh-make-error" /> : null}
      <button type="button" className="btn btn--primary" disabled={busy || !image || picked.length === 0} data-testid="mesh-make-start" onClick={() => void start()}>
        {t('mesh.make.start')}
      </button>
    </section>
  );
}
