import { useEffect, useRef, useState } from 'react';
import { PROCESS_RULES } from '../../../shared/mesh/process-rules.js';
import type { PrintProcess } from '../../../shared/mesh/processes.js';
import { MESH_PROBLEM_KINDS, PROBLEM_COLORS, type MeshCheckReport } from '../../../shared/mesh/report.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { PreviewScene, type PreviewState } from './previewScene.js';

function css([r, g, b]: [number, number, number]): string {
  return `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`;
}

/**
 * The live preview of a candidate (or a prepared model): the worker's
 * decimated GLB, loaded through the media route, with the problem triangles
 * coloured as the legend says. The scene's state is on the element's data
 * attributes, for the tests.
 */
export function MeshPreview({ file, sizeMm, process, report }: { file: string; sizeMm: number; process: PrintProcess; report: MeshCheckReport | null }) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<PreviewScene | null>(null);
  const [state, setState] = useState<PreviewState | null>(null);
  const [failed, setFailed] = useState(false);
  const bed = PROCESS_RULES[process].maxSizeMm;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const scene = new PreviewScene(canvas, { bedMm: [bed[0], bed[1]], sizeMm }, setState);
    sceneRef.current = scene;
    const observer = new ResizeObserver(() => scene.resize());
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      scene.dispose();
      sceneRef.current = null;
    };
    // The scene is made once (no dependencies); size and process changes go through setOptions below.
  }, []);

  useEffect(() => {
    sceneRef.current?.setOptions({ bedMm: [bed[0], bed[1]], sizeMm });
  }, [bed, sizeMm]);

  useEffect(() => {
    setFailed(false);
    sceneRef.current?.load(api().mediaUrl(file)).catch(() => setFailed(true));
  }, [file]);

  const present = new Set((report?.problems ?? []).filter((p) => p.count > 0).map((p) => p.kind));
  return (
    <section
      className="mesh-preview"
      data-testid="mesh-preview"
      data-loaded={state?.loaded ? 'true' : 'false'}
      data-model-triangles={state?.modelTriangles ?? 0}
      data-problem-triangles={state?.problemTriangles ?? 0}
      data-size-mm={state?.sizeMm.join('x') ?? ''}
      data-wireframe={state?.wireframe ? 'true' : 'false'}
      data-turntable={state?.turntable ? 'true' : 'false'}
      data-coarse-triangles={state?.coarseTriangles ?? 0}
      data-motion-detail={state?.motionDetail ?? 'full'}
    >
      <canvas ref={canvasRef} className="mesh-preview__canvas" data-testid="mesh-preview-canvas" aria-label={t('mesh.preview.canvas')} />
      {failed ? <p className="error-text">{t('mesh.preview.failed')}</p> : null}
      <div className="mesh-preview__tools">
        <label>
          <input type="checkbox" checked={state?.wireframe ?? false} data-testid="mesh-preview-wireframe" onChange={(e) => sceneRef.current?.setWireframe(e.target.checked)} />
          {t('mesh.preview.wireframe')}
        </label>
        <label>
          <input type="checkbox" checked={state?.problems ?? true} data-testid="mesh-preview-problems" onChange={(e) => sceneRef.current?.setProblems(e.target.checked)} />
          {t('mesh.preview.problems')}
        </label>
        <label>
          <input type="checkbox" checked={state?.turntable ?? false} data-testid="mesh-preview-turntable" onChange={(e) => sceneRef.current?.setTurntable(e.target.checked)} />
          {t('mesh.preview.turntable')}
        </label>
        <span className="mesh-preview__hint">{t('mesh.preview.hint', { triangles: (state?.modelTriangles ?? 0).toLocaleString(), size: state?.sizeMm.join(' × ') ?? '' })}</span>
        {state?.motionDetail === 'coarse' ? (
          <span className="mesh-preview__hint" data-testid="mesh-preview-coarse-note">
            {t('mesh.preview.coarseInMotion', { triangles: state.coarseTriangles.toLocaleString() })}
          </span>
        ) : null}
      </div>
      <ul className="mesh-preview__legend" data-testid="mesh-preview-legend">
        {MESH_PROBLEM_KINDS.map((kind) => (
          <li key={kind} data-kind={kind} data-present={present.has(kind) ? 'true' : 'false'} className={present.has(kind) ? '' : 'mesh-preview__legend--absent'}>
            <span className="mesh-preview__swatch" style={{ background: css(PROBLEM_COLORS[kind]) }} />
            {t(`mesh.problem.${kind}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
