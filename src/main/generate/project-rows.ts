import { randomUUID } from 'node:crypto';
import { StudioError, type ErrorInfo } from '../../shared/errors.js';
import type { Project, ProjectKind, VideoSceneState } from '../../shared/generate/projects.js';
import type { BlogResult, DirectorRequest, DirectorScript, SocialResult } from '../../shared/generate/requests.js';
import type { ComposeJobResult } from '../../shared/jobs/kinds.js';
import { estimate, type Estimate } from '../../shared/pricing.js';
import { say } from '../../shared/messages.js';
import type { EventBus } from '../events.js';
import type { Store } from '../store/db.js';
import type { ProjectsTable } from '../store/schema.js';
import { sceneBilling, sceneCredits } from './costs.js';

/** What a video project's `data` column holds: the script, each scene's render state, and the composed cut. */
export interface VideoData {
  script: DirectorScript | null;
  scenes: VideoSceneState[];
  output: ComposeJobResult | null;
  composeJobId?: string | null;
}

/** A change to a project row; a field left out keeps its value. */
export interface ProjectChange {
  title?: string;
  status?: string;
  data?: unknown;
  error?: ErrorInfo | null;
}

/**
 * The generators' `projects` rows and the views the app shows of them. Every
 * write tells the renderer (`project.updated`), so the service's job hooks
 * need not remember to.
 */
export class ProjectRows {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
  ) {}

  create(kind: ProjectKind, title: string, status: string, request: unknown, data: unknown): string {
    const id = randomUUID();
    const now = Date.now();
    this.store.run(
      this.store.q.insertInto('projects').values({ id, kind, title: title.slice(0, 200), status, request: JSON.stringify(request), data: JSON.stringify(data), error: null, created_at: now, updated_at: now }),
    );
    return id;
  }

  save(id: string, change: ProjectChange): void {
    this.store.run(
      this.store.q
        .updateTable('projects')
        .set({
          ...(change.title !== undefined ? { title: change.title.slice(0, 200) } : {}),
          ...(change.status !== undefined ? { status: change.status } : {}),
          ...(change.data !== undefined ? { data: JSON.stringify(change.data) } : {}),
          ...(change.error !== undefined ? { error: change.error ? JSON.stringify(change.error) : null } : {}),
          updated_at: Date.now(),
        })
        .where('id', '=', id),
    );
    this.events.emit('project.updated', { id });
  }

  delete(id: string): void {
    this.store.run(this.store.q.deleteFrom('projects').where('id', '=', id));
  }

  exists(id: string): boolean {
    return this.store.first(this.store.q.selectFrom('projects').select('id').where('id', '=', id)) !== undefined;
  }

  video(id: string): { status: string; request: DirectorRequest; data: VideoData } {
    const row = this.row(id);
    if (row.kind !== 'video') throw new StudioError({ code: 'BAD_INPUT', message: 'That project is not a video.', ...say('project.notVideo') });
    return { status: row.status, request: JSON.parse(row.request) as DirectorRequest, data: JSON.parse(row.data) as VideoData };
  }

  list(kind?: ProjectKind, limit = 50): Project[] {
    let q = this.store.q.selectFrom('projects').selectAll().orderBy('updated_at', 'desc').limit(limit);
    if (kind) q = q.where('kind', '=', kind);
    return this.store.all(q).map((row) => this.toView(row));
  }

  get(id: string): Project {
    return this.toView(this.row(id));
  }

  private row(id: string): ProjectsTable {
    const row = this.store.first(this.store.q.selectFrom('projects').selectAll().where('id', '=', id));
    if (!row) throw new StudioError({ code: 'NOT_FOUND', message: `There is no project ${id}.`, ...say('project.notFound') });
    return row;
  }

  private toView(row: ProjectsTable): Project {
    const base = {
      id: row.id,
      title: row.title,
      status: row.status as Project['status'],
      error: row.error ? (JSON.parse(row.error) as ErrorInfo) : null,
      jobIds: this.store.all(this.store.q.selectFrom('jobs').select('id').where('project_id', '=', row.id).orderBy('seq', 'asc')).map((j) => j.id),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    const request = JSON.parse(row.request) as never;
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.kind === 'video') {
      const d = data as unknown as VideoData;
      const r = request as DirectorRequest;
      let renderEstimate: Estimate | null = null;
      if (d.script) {
        // What rendering now would cost: only the scenes whose render no longer matches them.
        const credits = sceneCredits(r, d.script);
        const billing = sceneBilling(r);
        renderEstimate = estimate(
          d.scenes.flatMap((s, i) => (s.status === 'ready' && s.renderedHash === s.hash ? [] : [{ label: `scene ${i + 1}`, credits: credits[i]!, billing }])),
        );
      }
      return { ...base, kind: 'video', request: r, script: d.script, scenes: d.scenes, output: d.output, composeJobId: d.composeJobId ?? null, renderEstimate };
    }
    if (row.kind === 'blog') return { ...base, kind: 'blog', request, result: (data.result as BlogResult | undefined) ?? null };
    return { ...base, kind: 'social', request, result: (data.result as SocialResult | undefined) ?? null };
  }
}
