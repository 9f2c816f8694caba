import type { Page } from 'playwright-core';
import type { PublishAccountView } from '../../src/shared/publish/post.js';
import type { StudioServer } from './server.js';

/** A call through the studio's web bridge, as the page makes it; throws with the body on a refusal. */
export async function bridgeCall<T>(server: StudioServer, name: string, input: unknown): Promise<T> {
  const res = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new Error(`${name} answered ${res.status}: ${JSON.stringify(body)}`);
  return body as T;
}

/**
 * Signs in on the Account page (in en) against a cloud from
 * `startCloudWithMeta`, waits until a worker has listed the Meta Pages as
 * publish accounts, and returns the Facebook Page named `pageName`.
 */
export async function signInForFacebook(page: Page, server: StudioServer, o: { email: string; password: string; pageName: string; timeoutMs: number }): Promise<PublishAccountView> {
  await page.goto(server.url);
  await page.getByTestId('page-dashboard').waitFor();
  await page.getByTestId('language-quick').selectOption('en');
  await page.getByTestId('nav-account').click();
  await page.getByTestId('login-email').fill(o.email);
  await page.getByTestId('login-password').fill(o.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-signed-in').waitFor();
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    const accounts = await bridgeCall<PublishAccountView[]>(server, 'publish.accounts', { refresh: true });
    const facebook = accounts.find((a) => a.platform === 'facebook' && a.displayName === o.pageName);
    if (facebook) return facebook;
    if (Date.now() > deadline) throw new Error(`No Facebook publish account "${o.pageName}" after ${o.timeoutMs} ms: ${JSON.stringify(accounts)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
