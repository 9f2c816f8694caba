import { useEffect, useState } from 'react';
import type { MeshModelView } from '../../../shared/api/mesh-contract.js';
import { api } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { useMeshStore } from '../../stores/meshStore.js';
import { Candidates } from './Candidates.js';
import { MakeForm } from './MakeForm.js';
import { MeshPreview } from './MeshPreview.js';
import { PackPanel, PrepareForm } from './PrintSteps.js';
import { QuotesTable } from './QuotesTable.js';
import { hasBuilderStart } from '../../lib/builder3dStart.js';

function ModelDetail({ model }: { model: MeshModelView }) {
  const t = useT();
  const selected = model.candidates.find((c) => c.id === model.selectedId) ?? null;
  return (
    <div className="mesh-detail" data-testid="mesh-detail" data-status={model.status}>
      <header className="mesh-detail__head">
        <img className="mesh-detail__image" src={api().mediaUrl(model.image)} alt={model.name} />
        <div>
          <h2 data-testid="mesh-detail-name">{model.name}</h2>
          <p>
            {t('mesh.detail.size', { size: model.sizeMm })} · {t(`mesh.process.${model.process}`)} · {t(`mesh.modelStatus.${model.status}`)}
          </p>
        </div>
      </header>
      <Candidates model={model} />
      {selected?.preview ? (
        <MeshPreview file={selected.preview} sizeMm={model.sizeMm} process={model.process} report={selected.report} />
      ) : (
        <p className="field__hint">{t('mesh.preview.waiting')}</p>
      )}
      <PrepareForm model={model} />
      <PackPanel model={model} />
      <QuotesTable model={model} />
    </div>
  );
}

/** The 3D builder (issue 16): an image to checked candidates, the live preview, preparation, the production pack and the quotes. */
export function Builder3dPage() {
  const t = useT();
  const { models, open, openId, error, load, select } = useMeshStore();
  // Opened from a character's page: straight to the make form, which takes the character.
  const [making, setMaking] = useState(hasBuilderStart);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page mesh-page" data-testid="page-builder3d">
      <PageHeader
        title={t('mesh.title')}
        subtitle={t('mesh.subtitle')}
        actions={
          <button
            type="button"
            className="btn btn--primary"
            data-testid="mesh-new"
            onClick={() => {
              setMaking(true);
              void select(null);
            }}
          >
            {t('mesh.new')}
          </button>
        }
      />
      {error ? <ErrorText error={error} /> : null}
      <div className="mesh-layout">
        <nav className="mesh-models" aria-label={t('mesh.models')} data-testid="mesh-models">
          {models.length === 0 ? <p className="field__hint">{t('mesh.noModels')}</p> : null}
          {models.map((m) => (
            <button
              key={m.id}
              type="button"
              className={`mesh-models__item${m.id === openId ? ' mesh-models__item--open' : ''}`}
              data-testid="mesh-model-item"
              data-status={m.status}
              onClick={() => {
                setMaking(false);
                void select(m.id);
              }}
            >
              <img src={api().mediaUrl(m.image)} alt="" />
              <span>{m.name}</span>
              <span className="badge">{m.bestScore === null ? t(`mesh.modelStatus.${m.status}`) : t('mesh.score', { score: Math.round(m.bestScore) })}</span>
            </button>
          ))}
        </nav>
        <div className="mesh-main">
          {making || (!openId && models.length === 0) ? (
            <MakeForm
              onMade={(id) => {
                setMaking(false);
                void select(id);
              }}
            />
          ) : open ? (
            <ModelDetail model={open} />
          ) : (
            <p className="field__hint">{t('mesh.pick')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
