/**
 * How a video is cut for TikTok's FILE_UPLOAD (Media Transfer Guide):
 * chunks of 5–64 MB sent in order; total_chunk_count = floor(size / chunk_size);
 * the trailing bytes join the last chunk (which may reach 128 MB); a file under
 * 5 MB (or under one chunk) goes whole, with chunk_size = its size.
 */
export const MB = 1024 * 1024;
const MIN_CHUNK = 5 * MB;
const MAX_CHUNK = 64 * MB;
export const DEFAULT_CHUNK = 10 * MB;
const MAX_CHUNKS = 1000;

export interface ChunkPlan {
  videoSize: number;
  chunkSize: number;
  totalChunkCount: number;
  /** Inclusive byte ranges, in upload order. */
  ranges: Array<{ start: number; end: number }>;
}

export function planChunks(videoSize: number, preferred = DEFAULT_CHUNK): ChunkPlan {
  if (videoSize <= 0) throw new Error('an empty file cannot be uploaded');
  let chunkSize = Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, preferred));
  // A 4 GB file at 10 MB would still be < 1000 chunks; grow the chunk only if some future limit needs it.
  while (Math.floor(videoSize / chunkSize) > MAX_CHUNKS && chunkSize < MAX_CHUNK) chunkSize = Math.min(MAX_CHUNK, chunkSize * 2);
  if (videoSize < chunkSize * 2 && videoSize <= MAX_CHUNK) {
    // Less than two chunks' worth: one whole chunk (the only choice under 5 MB).
    return { videoSize, chunkSize: videoSize, totalChunkCount: 1, ranges: [{ start: 0, end: videoSize - 1 }] };
  }
  const totalChunkCount = Math.floor(videoSize / chunkSize);
  const ranges = Array.from({ length: totalChunkCount }, (_, i) => ({
    start: i * chunkSize,
    end: i === totalChunkCount - 1 ? videoSize - 1 : (i + 1) * chunkSize - 1,
  }));
  return { videoSize, chunkSize, totalChunkCount, ranges };
}
