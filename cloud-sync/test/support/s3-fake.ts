import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback S3 bucket (path-style, one bucket) that checks every request's
 * Signature Version 4 as S3 does: it rebuilds the canonical request from
 * what arrived (method, path, query, the signed headers' values, the
 * declared payload hash), signs it with the secret it knows, and answers
 * 403 SignatureDoesNotMatch on any difference; a PUT whose body does not hash
 * to x-amz-content-sha256 gets 400 XAmzContentSHA256Mismatch.
 */
export interface FakeS3 {
  /** KINGJAM_RELAY_S3_URL for this bucket (with another secret, to see a refusal). */
  url(region: string, secret?: string): string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  refused: string[];
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const mac = (k: Buffer | string, d: string) => createHmac('sha256', k).update(d).digest();

function xmlError(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
}

function expectedSignature(req: IncomingMessage, secret: string): { ok: boolean; reason: string } {
  const auth = req.headers.authorization ?? '';
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, reason: 'malformed Authorization' };
  const [, , day, region, signed, signature] = m as unknown as [string, string, string, string, string, string];
  const date = String(req.headers['x-amz-date'] ?? '');
  if (date.slice(0, 8) !== day) return { ok: false, reason: 'date does not match the credential scope' };
  const names = signed.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256')) return { ok: false, reason: 'required headers not signed' };
  const url = new URL(req.url ?? '/', 'http://x');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .sort()
    .join('&');
  const headerLines = names.map((n) => `${n}:${String(req.headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonical = `${req.method}\n${url.pathname}\n${query}\n${headerLines}\n${signed}\n${String(req.headers['x-amz-content-sha256'])}`;
  const stringToSign = `AWS4-HMAC-SHA256\n${date}\n${day}/${region}/s3/aws4_request\n${sha(canonical)}`;
  const key = mac(mac(mac(mac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex') === signature ? { ok: true, reason: '' } : { ok: false, reason: 'SignatureDoesNotMatch' };
}

export async function startFakeS3(bucket: string, accessKey: string, secret: string): Promise<FakeS3> {
  const objects: FakeS3['objects'] = new Map();
  const refused: string[] = [];
  const requests: FakeS3['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requests.push({ method: req.method ?? '', path });
      const check = expectedSignature(req, secret);
      if (!check.ok || !(req.headers.authorization ?? '').includes(`Credential=${accessKey}/`)) {
        refused.push(`${req.method} ${path}: ${check.reason || 'unknown access key'}`);
        return xmlError(res, 403, 'SignatureDoesNotMatch');
      }
      if (!path.startsWith(`/${bucket}/`)) return xmlError(res, 404, 'NoSuchBucket');
      const key = decodeURIComponent(path.slice(bucket.length + 2));
      if (req.method === 'PUT') {
        if (sha(body) !== req.headers['x-amz-content-sha256']) return xmlError(res, 400, 'XAmzContentSHA256Mismatch');
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
        return res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        return res.writeHead(204).end();
      }
      const obj = objects.get(key);
      if (!obj) return xmlError(res, 404, 'NoSuchKey');
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(req.headers.range ?? ''));
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(Number(range[2]), obj.body.length - 1);
        return res.writeHead(206, { 'content-type': obj.contentType, 'content-range': `bytes ${start}-${end}/${obj.body.length}`, 'content-length': end - start + 1 }).end(obj.body.subarray(start, end + 1));
      }
      res.writeHead(200, { 'content-type': obj.contentType, 'content-length': obj.body.length }).end(obj.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (region, s = secret) => `http://${encodeURIComponent(accessKey)}:${encodeURIComponent(s)}@127.0.0.1:${port}/${bucket}?region=${region}`,
    objects,
    refused,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
