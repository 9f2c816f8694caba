import type { MailSent } from '../../shared/api/signup-contract.js';
import type { Language } from '../../shared/settings.js';
import type { AccountView } from '../../shared/wallet.js';
import type { CloudSession } from './cloud-client.js';
import type { SyncService } from './service.js';

/** What `kingjam://signup?ref=CODE` carries, if it is a referral code at all. */
export function referralFromLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== 'kingjam:') return null;
  const code = url.searchParams.get('ref') ?? '';
  return /^[A-Za-z0-9]{4,32}$/.test(code) ? code.toUpperCase() : null;
}

/**
 * Sign-up by email against cloud-sync (cloud-sync/README.md, "Sign-up"): register, the mailed
 * code (which signs in), resend, and the password reset. Each sends this device's id, never the
 * host name.
 */
export class SignupFlow {
  private pendingReferral: string | null = null;

  constructor(private readonly sync: SyncService) {}

  /** The app was opened from a referral link: the sign-up form picks the code up once. */
  openedWith(link: string): void {
    const code = referralFromLink(link);
    if (code) this.pendingReferral = code;
  }

  takeReferral(): { code: string | null } {
    const code = this.pendingReferral;
    this.pendingReferral = null;
    return { code };
  }

  async register(input: { cloudUrl?: string | undefined; email: string; password: string; referralCode?: string | undefined; nickname?: string | undefined; locale: Language }): Promise<MailSent> {
    await this.sync.cloudFor(input.cloudUrl).request('POST', '/v1/auth/register', {
      body: {
        email: input.email,
        password: input.password,
        ...(input.referralCode ? { referral_code: input.referralCode.toUpperCase() } : {}),
        ...(input.nickname ? { nickname: input.nickname } : {}),
        locale: input.locale,
        device: this.sync.device.id(),
      },
    });
    return { sent: true, email: input.email };
  }

  async verifyEmail(input: { cloudUrl?: string | undefined; email: string; code: string }): Promise<AccountView> {
    const client = this.sync.cloudFor(input.cloudUrl);
    const session = await client.request<CloudSession>('POST', '/v1/auth/verify-email', { body: { email: input.email, code: input.code, device: this.sync.device.id() } });
    return this.sync.adopt(session, client.baseUrl);
  }

  async resendVerification(input: { cloudUrl?: string | undefined; email: string; locale: Language }): Promise<MailSent> {
    await this.sync.cloudFor(input.cloudUrl).request('POST', '/v1/auth/verify-email/resend', { body: { email: input.email, locale: input.locale } });
    return { sent: true, email: input.email };
  }

  async requestPasswordReset(input: { cloudUrl?: string | undefined; email: string; locale: Language }): Promise<MailSent> {
    await this.sync.cloudFor(input.cloudUrl).request('POST', '/v1/auth/password-reset/request', { body: { email: input.email, locale: input.locale } });
    return { sent: true, email: input.email };
  }

  /** The cloud ends every session of the account; this device's ends with it. */
  async confirmPasswordReset(input: { cloudUrl?: string | undefined; email: string; code: string; password: string }): Promise<{ reset: true }> {
    await this.sync.cloudFor(input.cloudUrl).request('POST', '/v1/auth/password-reset/confirm', { body: { email: input.email, code: input.code, password: input.password } });
    if (this.sync.view().email?.toLowerCase() === input.email.toLowerCase()) await this.sync.logout();
    return { reset: true };
  }
}
