/** English strings of the first-run fixes: fonts, ffmpeg and the worker memory cap. */
export const firstrunEn = {
  'error.WORKER_MEMORY_LIMIT': 'The worker went over its memory limit',
};
