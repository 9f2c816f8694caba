import { METRICS_CSV_MAX_CHARS, type kolLearnCalls } from '../../shared/api/kol-learn-contract.js';
import { readClientFile } from '../client-files.js';
import { learnReportView, learningReport, promptAdditions } from '../kol/learning/index.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

type KolLearnCallName = keyof typeof kolLearnCalls;

/** The largest metrics CSV read (5000 lines fit in far less). */
export const MAX_METRICS_CSV_BYTES = METRICS_CSV_MAX_CHARS;

/** Handlers of the engagement and learning calls (issue 14); spread into createHandlers. */
export function kolLearnHandlers(studio: Studio): Pick<Handlers, KolLearnCallName> {
  const metrics = studio.kolMetrics;
  const scope = (input: { period: number; personaId?: string; clientId?: string }) => ({ periodDays: input.period, personaId: input.personaId ?? null, clientId: input.clientId ?? null });
  return {
    'kol.learn.report': (input) => learnReportView(studio.store, scope(input), metrics.now()),
    'kol.learn.suggestions': (input) => {
      const now = metrics.now();
      const report = learningReport(studio.store, scope(input), now);
      const persona = input.personaId ? (studio.store.sqlite.prepare('SELECT learning_enabled FROM kol_personas WHERE id = ?').get(input.personaId) as { learning_enabled: number } | undefined) : undefined;
      return {
        periodDays: report.periodDays,
        posts: report.posts,
        enough: report.enough,
        reason: report.reason,
        suggestions: report.suggestions,
        promptLines: input.personaId ? promptAdditions(studio.store, input.personaId, now) : null,
        learningEnabled: persona ? persona.learning_enabled === 1 : null,
      };
    },
    'kol.metrics.enter': ({ postId, metrics: numbers }) => metrics.enter(postId, numbers),
    'kol.metrics.importCsv': async (input) => {
      if ('csv' in input) return metrics.importCsv(input.csv, input.dryRun);
      const file = await readClientFile(input.path, { scope: studio.files, maxBytes: MAX_METRICS_CSV_BYTES });
      return metrics.importCsv(file.data.toString('utf8'), input.dryRun);
    },
    'kol.metrics.status': ({ postId }) => metrics.status(postId),
    'kol.metrics.fetchNow': ({ postId }) => metrics.fetchNow(postId),
  };
}
