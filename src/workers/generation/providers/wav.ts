/**
 * Gemini TTS answers with raw 16-bit little-endian PCM (`audio/L16;codec=pcm;rate=24000`);
 * ffmpeg and players need a container, so it is wrapped in a WAV header.
 */
export function pcmToWav(pcm: Buffer, sampleRate = 24_000, channels = 1, bitsPerSample = 16): Buffer {
  const blockAlign = (channels * bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Reads `rate=NNNN` from an L16 mime type; 24 kHz is Gemini's documented rate. */
export function sampleRateOf(mimeType: string | undefined): number {
  const m = /rate=(\d+)/.exec(mimeType ?? '');
  return m ? Number(m[1]) : 24_000;
}
