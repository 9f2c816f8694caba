import type { MeshCandidateView, MeshModelView } from '../../../shared/api/mesh-contract.js';
import type { MeshCheckReport } from '../../../shared/mesh/report.js';
import { api } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useMeshStore } from '../../stores/meshStore.js';
import { backendLabel } from './MakeForm.js';

const fmt = (v: number, digits = 1) => v.toLocaleString(undefined, { maximumFractionDigits: digits });

/** Every number the checks measured, as label → value rows (the test ids name each). */
export function reportRows(t: Translate, r: MeshCheckReport): { id: string; label: string; value: string; ok: boolean | null }[] {
  const passed = (name: MeshCheckReport['checks'][number]['name']) => r.checks.find((c) => c.name === name)?.passed ?? null;
  return [
    { id: 'watertight', label: t('mesh.check.watertight'), value: r.watertight ? t('mesh.yes') : t('mesh.no'), ok: r.watertight },
    { id: 'boundaryEdges', label: t('mesh.check.boundaryEdges'), value: fmt(r.boundaryEdges, 0), ok: r.boundaryEdges === 0 },
    { id: 'nonManifoldEdges', label: t('mesh.check.nonManifoldEdges'), value: fmt(r.nonManifoldEdges, 0), ok: passed('manifold') },
    { id: 'selfIntersections', label: t('mesh.check.selfIntersections'), value: fmt(r.selfIntersections, 0), ok: passed('selfIntersections') },
    { id: 'degenerateTriangles', label: t('mesh.check.degenerateTriangles'), value: fmt(r.degenerateTriangles, 0), ok: passed('degenerate') },
    { id: 'triangles', label: t('mesh.check.triangles'), value: fmt(r.triangles, 0), ok: null },
    { id: 'size', label: t('mesh.check.size'), value: r.sizeMm.map((v) => fmt(v)).join(' × '), ok: passed('size') },
    { id: 'thinnestWall', label: t('mesh.check.thinnestWall'), value: r.thinnestWallMm === null ? '—' : `${fmt(r.thinnestWallMm, 2)} mm`, ok: passed('wall') },
    { id: 'overhang', label: t('mesh.check.overhang'), value: `${fmt(r.overhangRatio * 100)} %`, ok: passed('overhang') },
    { id: 'volume', label: t('mesh.check.volume'), value: r.volumeMm3 === null ? '—' : `${fmt(r.volumeMm3 / 1000)} cm³`, ok: null },
  ];
}

export function ReportTable({ report, testId }: { report: MeshCheckReport; testId: string }) {
  const t = useT();
  return (
    <table className="mesh-report" data-testid={testId}>
      <tbody>
        {reportRows(t, report).map((row) => (
          <tr key={row.id} data-testid={`${testId}-${row.id}`} data-ok={row.ok === null ? '' : String(row.ok)}>
            <th>{row.label}</th>
            <td>
              {row.value} {row.ok === false ? <span className="badge badge--warn">{t('mesh.check.fail')}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CandidateCard({ model, c }: { model: MeshModelView; c: MeshCandidateView }) {
  const t = useT();
  const received = useMeshStore((s) => s.received);
  const best = model.bestId === c.id;
  const selected = model.selectedId === c.id;
  return (
    <article className={`card mesh-candidate${selected ? ' mesh-candidate--selected' : ''}`} data-testid={`mesh-candidate-${c.backend}`} data-status={c.status} data-score={c.score ?? ''}>
      <header>
        <strong>{backendLabel(t, c)}</strong> <span className="badge">{t(`mesh.status.${c.status}`)}</span>
        {c.draft ? <span className="badge">{t('mesh.draft')}</span> : null}
        {best ? <span className="badge badge--ok" data-testid="mesh-candidate-best">{t('mesh.best')}</span> : null}
      </header>
      {c.score !== null ? (
        <p className="mesh-candidate__score" data-testid="mesh-candidate-score">
          {t('mesh.score', { score: fmt(c.score, 0) })}
        </p>
      ) : null}
      {c.report ? <ReportTable report={c.report} testId={`mesh-report-${c.backend}`} /> : null}
      {c.error ? <ErrorText error={c.error} /> : null}
      <footer>
        {selected ? (
          <span className="badge badge--ok" data-testid="mesh-candidate-selected">{t('mesh.selected')}</span>
        ) : c.status === 'checked' ? (
          <button type="button" className="btn btn--ghost btn--small" data-testid="mesh-candidate-choose" onClick={() => void api().call('mesh.choose', { id: model.id, candidateId: c.id }).then(received)}>
            {t('mesh.choose')}
          </button>
        ) : null}
        {c.glb ? (
          <a className="btn btn--ghost btn--small" href={api().mediaUrl(c.glb)} download={`${model.name}-${c.backend}.glb`}>
            {t('mesh.downloadGlb')}
          </a>
        ) : null}
      </footer>
    </article>
  );
}

/** Step 2: the candidates, each with every number its check measured, the score and the "best" badge. */
export function Candidates({ model }: { model: MeshModelView }) {
  const t = useT();
  return (
    <section className="mesh-candidates" data-testid="mesh-candidates">
      <h2>{t('mesh.candidates')}</h2>
      <div className="mesh-candidates__grid">
        {model.candidates.map((c) => (
          <CandidateCard key={c.id} model={model} c={c} />
        ))}
      </div>
    </section>
  );
}
