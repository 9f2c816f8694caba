import type { StudioClient } from '../api/index.js';
import { useAccountStore } from './accountStore.js';
import { useDashboardStore } from './dashboardStore.js';
import { useGenerateStore } from './generateStore.js';
import { useHistoryStore } from './historyStore.js';
import { announceFinishedJob } from './importStore.js';
import { useLibraryStore } from './libraryStore.js';
import { useSettingsStore } from './settingsStore.js';
import { useConnectionStore } from './connectionStore.js';
import { useSchedulerStore } from './schedulerStore.js';
import { useKolReviewStore } from './kolReviewStore.js';
import { useMeshStore } from './meshStore.js';
import { useNavigationStore } from './navigationStore.js';
import { usePhotoStore } from './photoStore.js';
import { useInkStore } from './inkStore.js';
import { useVideoStore } from './videoStore.js';
import { useStyleStore } from './styleStore.js';
import { useCharacterStore } from './characterStore.js';

/** Routes main's events to the stores; returns a function that unhooks everything. */
export function wireEvents(client: StudioClient): () => void {
  const offs = [
    client.on('job.progress', (event) => {
      useDashboardStore.getState().progress(event);
      useHistoryStore.getState().progress(event);
      useVideoStore.getState().progress(event);
      useGenerateStore.getState().progress(event);
    }),
    client.on('job.updated', (job) => {
      useDashboardStore.getState().jobUpdated(job);
      useHistoryStore.getState().jobUpdated(job);
      useVideoStore.getState().jobUpdated(job);
      useGenerateStore.getState().jobUpdated(job);
      if (job.kind === 'media.probe') useLibraryStore.getState().refreshSoon();
      announceFinishedJob(job);
    }),
    client.on('library.changed', (change) => {
      useVideoStore.getState().assetsChanged(change.ids);
      useLibraryStore.getState().refreshSoon();
      useDashboardStore.getState().refreshSoon();
    }),
    client.on('settings.changed', (settings) => useSettingsStore.getState().received(settings)),
    client.on('account.changed', (change) => useAccountStore.getState().received(change)),
    client.on('project.updated', ({ id }) => useGenerateStore.getState().projectUpdated(id)),
    client.on('publish.updated', (post) => useSchedulerStore.getState().received(post)),
    client.on('kol.post.updated', (post) => useKolReviewStore.getState().received(post)),
    client.on('photo.run.updated', (run) => usePhotoStore.getState().runReceived(run)),
    client.on('photo.upload.updated', (upload) => usePhotoStore.getState().uploadReceived(upload)),
    client.on('mesh.updated', ({ id }) => useMeshStore.getState().updated(id)),
    client.on('style.updated', ({ id }) => useStyleStore.getState().changed(id)),
    client.on('character.updated', ({ id }) => useCharacterStore.getState().updated(id)),
    client.on('ink.updated', ({ id }) => void useInkStore.getState().updated(id).catch(() => undefined)),
  ];

  let wasOpen = false;
  offs.push(
    client.onConnection((state) => {
      useConnectionStore.getState().set(state);
      if (state === 'open' && wasOpen) {
        // Events were missed while away: catch up.
        void useDashboardStore.getState().load();
        void useHistoryStore.getState().load();
        void useLibraryStore.getState().load();
        void useVideoStore.getState().resync();
        void useAccountStore.getState().load();
        void useGenerateStore.getState().resync();
        if (useNavigationStore.getState().page === 'scheduler') void useSchedulerStore.getState().load();
        if (useNavigationStore.getState().page === 'kol-review') void useKolReviewStore.getState().load();
        if (useNavigationStore.getState().page === 'photo') void usePhotoStore.getState().load();
        if (useNavigationStore.getState().page === 'builder3d') void useMeshStore.getState().load();
        if (useNavigationStore.getState().page === 'styles') void useStyleStore.getState().load();
        if (useNavigationStore.getState().page === 'characters') void useCharacterStore.getState().load();
        if (useNavigationStore.getState().page === 'ink') void useInkStore.getState().load();
      }
      if (state === 'open') wasOpen = true;
    }),
  );
  return () => offs.forEach((off) => off());
}
