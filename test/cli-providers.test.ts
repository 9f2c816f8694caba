import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, startFake, type FakeServer } from './providers/fake-server.js';
import { tempHome } from './helpers/studio.js';

/**
 * `kingjam generate` as a child process against a loopback Ollama: which
 * provider writes and which draws, and the exit codes — 2 only for usage
 * errors, 1 for a provider's 400 and every other failure.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = ['--import', 'tsx', path.join(ROOT, 'src/main/cli/main.ts')];

/** Async, so the fake in this process can answer the CLI's worker while it runs. */
function kingjam(env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['GEMINI_API_KEY', 'REPLICATE_API_TOKEN', 'KINGJAM_OLLAMA_URL', 'KINGJAM_COMFYUI_URL']) delete clean[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...clean, KINGJAM_HOME: tempHome(), KINGJAM_LANGUAGE: 'en', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const plan = { title: 'Taipei cafés guide', metaDescription: 'The best cafés in Taipei for a slow weekend, and what to order there.', slug: 'taipei-cafes', keywords: ['cafe', 'taipei', 'weekend'], outline: ['Why', 'Where', 'What to order'] };
let ollama: FakeServer;
let refuse = false;

beforeAll(async () => {
  ollama = await startFake((req, res) => {
    // Ollama lists its installed models at /api/tags (the studio checks it answers before starting work).
    if (req.path === '/api/tags') return sendJson(res, 200, { models: [{ name: 'llama3.1:latest', model: 'llama3.1:latest', modified_at: '2026-11-30T08:00:00Z', size: 4920753328, digest: 'sha256:46e0c10c039e', details: { format: 'gguf', family: 'llama', parameter_size: '8.0B', quantization_level: 'Q4_K_M' } }] });
    if (req.path !== '/api/chat') return sendJson(res, 404, { error: 'not found' });
    if (refuse) return sendJson(res, 400, { error: 'invalid option: num_ctx must be positive' });
    const body = req.json as { stream?: boolean; format?: unknown };
    const done = { model: 'llama3.1', done: true, done_reason: 'stop', prompt_eval_count: 20, eval_count: 9 };
    if (!body.stream) return sendJson(res, 200, { ...done, message: { role: 'assistant', content: JSON.stringify(plan) } });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const part of ['## Why\n\nSlow mornings. ', '## Where\n\nDa’an. ', '## What to order\n\nPour-over.']) {
      res.write(`${JSON.stringify({ model: 'llama3.1', message: { role: 'assistant', content: part }, done: false })}\n`);
    }
    res.end(`${JSON.stringify({ ...done, message: { role: 'assistant', content: '' } })}\n`);
  });
});
afterAll(() => ollama.close());

describe('kingjam generate: who writes and who draws', () => {
  it('writes with one provider and draws the cover with another', async () => {
    const out = tempHome('kingjam-out-');
    const r = await kingjam({ KINGJAM_OLLAMA_URL: ollama.url }, 'generate', 'blog', '--topic', 'Taipei cafés', '--language', 'en', '--text-provider', 'ollama', '--image-provider', 'offline', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const { project, files } = JSON.parse(r.stdout) as { project: { result: { title: string; coverPath: string | null } }; files: string[] };
    expect(project.result.title).toBe('Taipei cafés guide');
    expect(project.result.coverPath).not.toBeNull();
    expect(files.some((f) => f.endsWith('cover.png') && fs.statSync(f).size > 0)).toBe(true);
    expect(ollama.hits('/api/chat', 'POST').length).toBeGreaterThanOrEqual(2);
  }, 150_000);

  it('refuses --provider for a part its provider cannot do, before anything runs (exit 2)', async () => {
    const before = ollama.seen.length;
    const drawless = await kingjam({ KINGJAM_OLLAMA_URL: ollama.url }, 'generate', 'blog', '--topic', 'Taipei cafés', '--provider', 'ollama');
    expect(drawless.code).toBe(2);
    expect(drawless.stderr).toContain('--provider ollama cannot draw images: add --image-provider');
    const mute = await kingjam({}, 'generate', 'social', '--topic', 'Taipei cafés', '--provider', 'comfyui');
    expect(mute.code).toBe(2);
    expect(mute.stderr).toContain('--provider comfyui cannot write text: add --text-provider');
    const wrong = await kingjam({}, 'generate', 'blog', '--topic', 'Taipei cafés', '--image-provider', 'ollama');
    expect(wrong.code).toBe(2);
    expect(ollama.seen.length).toBe(before);
  }, 150_000);
});

describe('kingjam exit codes', () => {
  it("a provider's 400 is a failure (exit 1), not a usage error", async () => {
    refuse = true;
    try {
      const r = await kingjam({ KINGJAM_OLLAMA_URL: ollama.url }, 'generate', 'blog', '--topic', 'Taipei cafés', '--provider', 'ollama', '--cover', 'none');
      expect(r.stderr).toContain('Ollama rejected the request: invalid option');
      expect(r.code).toBe(1);
    } finally {
      refuse = false;
    }
  }, 150_000);

  it('a bad argument is a usage error (exit 2)', async () => {
    const r = await kingjam({}, 'generate', 'blog', '--topic', 'Taipei cafés', '--language', 'klingon');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--language must be one of');
  }, 60_000);
});
