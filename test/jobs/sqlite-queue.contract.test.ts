import { jobQueueContract } from './queue-contract.js';
import { openTestStudio } from '../helpers/studio.js';

jobQueueContract('SQLite', async (home) => {
  const studio = openTestStudio(home, { concurrency: { high: 1, default: 1, video: 1, mesh: 1 } });
  return { studio, close: () => studio.close() };
});
