import { useState } from 'react';
import { MESH_LANGUAGES, type MeshLanguage, type MeshModelView } from '../../../shared/api/mesh-contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { LANGUAGE_NAMES, useLanguage, useT } from '../../i18n/index.js';
import { useMeshStore } from '../../stores/meshStore.js';
import { Field } from '../generate/fields.js';

function useRun() {
  const received = useMeshStore((s) => s.received);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = async (fn: () => Promise<MeshModelView>) => {
    setBusy(true);
    setError(null);
    try {
      received(await fn());
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

const fileName = (file: string) => file.split('/').pop() ?? file;

/** Step 3: repair and prepare the selected candidate — target triangles, hollow wall, base — and the print files it wrote. */
export function PrepareForm({ model }: { model: MeshModelView }) {
  const t = useT();
  const { busy, error, run } = useRun();
  const [target, setTarget] = useState('');
  const [hollow, setHollow] = useState(false);
  const [wall, setWall] = useState(2);
  const [base, setBase] = useState(false);
  const [baseMm, setBaseMm] = useState(3);
  const latest = model.prepared[0] ?? null;
  return (
    <section className="card mesh-prepare" data-testid="mesh-prepare">
      <h2>{t('mesh.prepare.title')}</h2>
      <div className="mesh-make__row">
        <Field label={t('mesh.prepare.target')} htmlFor="mesh-target" hint={t('mesh.prepare.targetHint')}>
          <input id="mesh-target" className="input" type="number" min={1000} value={target} data-testid="mesh-prepare-target" onChange={(e) => setTarget(e.target.value)} />
        </Field>
        <label className="mesh-inline">
          <input type="checkbox" checked={hollow} data-testid="mesh-prepare-hollow" onChange={(e) => setHollow(e.target.checked)} />
          {t('mesh.prepare.hollow')}
          <input className="input input--small" type="number" min={0.4} max={20} step={0.1} value={wall} disabled={!hollow} aria-label={t('mesh.prepare.wall')} onChange={(e) => setWall(Number(e.target.value))} /> mm
        </label>
        <label className="mesh-inline">
          <input type="checkbox" checked={base} data-testid="mesh-prepare-base" onChange={(e) => setBase(e.target.checked)} />
          {t('mesh.prepare.base')}
          <input className="input input--small" type="number" min={1} max={30} step={0.5} value={baseMm} disabled={!base} aria-label={t('mesh.prepare.baseMm')} onChange={(e) => setBaseMm(Number(e.target.value))} /> mm
        </label>
      </div>
      {error ? <ErrorText error={error} messageTestId="mesh-prepare-error" /> : null}
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy || model.selectedId === null}
        data-testid="mesh-prepare-start"
        onClick={() =>
          void run(() =>
            api().call('mesh.prepare', {
              id: model.id,
              ...(target ? { targetTriangles: Number(target) } : {}),
              ...(hollow ? { hollowWallMm: wall } : {}),
              ...(base ? { baseMm } : {}),
            }),
          )
        }
      >
        {t('mesh.prepare.start')}
      </button>
      {latest ? (
        <div className="mesh-prepared" data-testid="mesh-prepared" data-status={latest.status}>
          <p>
            {t(`mesh.status.${latest.status}`)}
            {latest.before && latest.after ? ` — ${t('mesh.prepare.scores', { before: Math.round(latest.before.score), after: Math.round(latest.after.score) })}` : ''}
          </p>
          {latest.material ? <p data-testid="mesh-prepared-material">{t('mesh.prepare.material', { volume: latest.material.volumeCm3.toFixed(1), weight: latest.material.weightG.toFixed(0) })}</p> : null}
          <ul>
            {latest.files.map((f) => (
              <li key={f.file} data-testid={`mesh-prepared-file-${f.format}`}>
                <a href={api().mediaUrl(f.file)} download={fileName(f.file)}>
                  {fileName(f.file)}
                </a>{' '}
                ({(f.bytes / 1024).toFixed(0)} KB, sha256 {f.sha256.slice(0, 12)}…)
              </li>
            ))}
          </ul>
          {latest.error ? <ErrorText error={latest.error} /> : null}
        </div>
      ) : null}
    </section>
  );
}

/** Step 5: the production pack — model files, PDF spec sheet, one request for quotation per factory — to download. */
export function PackPanel({ model }: { model: MeshModelView }) {
  const t = useT();
  const uiLanguage = useLanguage();
  const { busy, error, run } = useRun();
  const [language, setLanguage] = useState<MeshLanguage>(uiLanguage);
  const [factories, setFactories] = useState('');
  const [quantity, setQuantity] = useState(100);
  const ready = model.prepared.some((p) => p.status === 'succeeded');
  return (
    <section className="card mesh-pack" data-testid="mesh-pack">
      <h2>{t('mesh.pack.title')}</h2>
      <div className="mesh-make__row">
        <Field label={t('mesh.pack.language')} htmlFor="mesh-pack-language">
          <select id="mesh-pack-language" className="select" value={language} data-testid="mesh-pack-language" onChange={(e) => setLanguage(e.target.value as MeshLanguage)}>
            {MESH_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('mesh.pack.quantity')} htmlFor="mesh-pack-quantity">
          <input id="mesh-pack-quantity" className="input" type="number" min={1} value={quantity} data-testid="mesh-pack-quantity" onChange={(e) => setQuantity(Number(e.target.value))} />
        </Field>
      </div>
      <Field label={t('mesh.pack.factories')} htmlFor="mesh-pack-factories" hint={t('mesh.pack.factoriesHint')}>
        <textarea id="mesh-pack-factories" className="input" rows={3} value={factories} data-testid="mesh-pack-factories" onChange={(e) => setFactories(e.target.value)} />
      </Field>
      {error ? <ErrorText error={error} messageTestId="mesh-pack-error" /> : null}
      <button
        type="button"
        className="btn btn--primary"
        disabled={busy || !ready}
        data-testid="mesh-pack-start"
        onClick={() =>
          void run(() =>
            api().call('mesh.pack', {
              id: model.id,
              language,
              quantity,
              factories: factories
                .split('\n')
                .map((line) => line.split(/[,，]/).map((s) => s.trim()))
                .filter(([name]) => name)
                .map(([name, ...contact]) => ({ name: name!, contact: contact.join(', ') })),
            }),
          )
        }
      >
        {t('mesh.pack.start')}
      </button>
      <ul className="mesh-packs">
        {model.packs.map((p) => (
          <li key={p.id} data-testid="mesh-pack-item" data-status={p.status}>
            {LANGUAGE_NAMES[p.language]} · {t(`mesh.status.${p.status}`)}
            {p.file ? (
              <a className="btn btn--ghost btn--small" href={api().mediaUrl(p.file)} download={fileName(p.file)} data-testid="mesh-pack-download">
                {t('mesh.pack.download', { size: ((p.bytes ?? 0) / 1024 / 1024).toFixed(1) })}
              </a>
            ) : null}
            {p.error ? <ErrorText error={p.error} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
