import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { AccountView, WalletView } from '../../shared/wallet.js';
import { api, errorInfoOf } from '../api/index.js';
import { t } from '../i18n/index.js';
import { toastError, toastInfo, toastSuccess } from './toastStore.js';

interface AccountState {
  account: AccountView | null;
  wallet: WalletView | null;
  error: ErrorInfo | null;
  syncing: boolean;
  /** account.get and wallet.get (the cached wallet: works offline). */
  load(): Promise<void>;
  login(input: CallInput<'account.login'>): Promise<AccountView>;
  /** The mailed code signs in (sign-up) or completes a signed-in account's verification. */
  verifyEmail(input: CallInput<'account.verifyEmail'>): Promise<AccountView>;
  logout(): Promise<void>;
  /** Settles, reserves and fetches the balance (wallet.sync); throws what the cloud said. */
  sync(): Promise<void>;
  /** Asks the cloud for the balance, quietly: when it cannot be reached the account says so. */
  refreshQuietly(): Promise<void>;
  received(change: { account: AccountView; wallet: WalletView }): void;
}

/** Toasts for what changed without the user asking: the cloud went away or came back. */
function announceTransition(before: AccountView | null, after: AccountView): void {
  if (!before?.signedIn || !after.signedIn) return;
  if (before.online && !after.online) toastInfo(t('account.wentOffline'), t('account.wentOfflineBody'));
  else if (!before.online && after.online && before.lastError !== null) toastSuccess(t('account.backOnline'), t('account.backOnlineBody'));
}

/** The signed-in account and its wallet, shared by the Account and Credits pages and the sidebar badge. */
export const useAccountStore = create<AccountState>((set, get) => {
  function accept(account: AccountView, wallet?: WalletView): void {
    announceTransition(get().account, account);
    set({ account, ...(wallet ? { wallet } : {}), error: null });
  }

  return {
    account: null,
    wallet: null,
    error: null,
    syncing: false,

    async load() {
      try {
        const [account, wallet] = await Promise.all([api().call('account.get', {}), api().call('wallet.get', {})]);
        accept(account, wallet);
      } catch (err) {
        set({ error: errorInfoOf(err) });
      }
    },

    async login(input) {
      const account = await api().call('account.login', input);
      accept(account);
      const wallet = await api().call('wallet.get', {});
      set({ wallet });
      return account;
    },

    async verifyEmail(input) {
      const account = await api().call('account.verifyEmail', input);
      accept(account);
      set({ wallet: await api().call('wallet.get', {}) });
      return account;
    },

    async logout() {
      const account = await api().call('account.logout', {});
      set({ account, wallet: { balance: null, allowance: null, unsettled: 0 } });
    },

    async sync() {
      set({ syncing: true });
      try {
        const wallet = await api().call('wallet.sync', {});
        set({ wallet });
      } finally {
        // The account's online state and last sync changed either way.
        const account = await api().call('account.get', {}).catch(() => null);
        if (account) accept(account);
        set({ syncing: false });
      }
    },

    async refreshQuietly() {
      if (!get().account?.signedIn) return;
      try {
        set({ wallet: await api().call('wallet.refresh', {}) });
      } catch {
        // Offline or signed out elsewhere: account.changed (or the next load) tells.
      }
      const account = await api().call('account.get', {}).catch(() => null);
      if (account) accept(account);
    },

    received({ account, wallet }) {
      accept(account, wallet);
    },
  };
});

/**
 * Credits usable now: the wallet's unreserved credits plus what is left of
 * this device's allowance (the allowance is a hold, so the cloud counts it
 * as held, not available).
 */
export function usableCredits(wallet: WalletView | null): number | null {
  if (!wallet?.balance) return wallet?.allowance ? wallet.allowance.remaining : null;
  return wallet.balance.available + (wallet.allowance?.remaining ?? 0);
}

/** Usable credits for the sidebar badge, or null when there is nothing to show. */
export function selectAvailable(state: Pick<AccountState, 'account' | 'wallet'>): number | null {
  if (!state.account?.signedIn) return null;
  return usableCredits(state.wallet);
}

/**
 * The Sync buttons: syncs and says how it went. Losing the cloud is already
 * announced by the went-offline toast, so that error is not repeated.
 */
export async function syncAndTell(): Promise<boolean> {
  const wasOnline = useAccountStore.getState().account?.online === true;
  try {
    await useAccountStore.getState().sync();
    toastSuccess(t('credits.synced'));
    return true;
  } catch (err) {
    const info = errorInfoOf(err);
    if (!(info.code === 'OFFLINE' && wasOnline)) toastError(info);
    return false;
  }
}
