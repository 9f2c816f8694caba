/** Message keys of data lifecycle: retention and temp cleanup, stars, disk usage, /metrics (issue 17), each `lifecycle.<name>`; spread into MESSAGES (src/shared/messages.ts). */
export const LIFECYCLE_MESSAGES = {
  // A memory-capped worker (the video queue's, 4 GB) stopped for memory (src/main/jobs/memory-cap.ts).
  'lifecycle.workerMemoryLimit': { params: ['limit', 'used'], hint: true },
  'lifecycle.workerMemoryAborted': { params: ['limit'], hint: true },
  // KINGJAM_BRIDGE_TOKEN (a fixed bridge token, so a Prometheus scrape of /metrics survives restarts) too weak.
  'lifecycle.bridgeTokenWeak': { params: ['min'], hint: true },
} as const;
