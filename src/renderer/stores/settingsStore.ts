import { create } from 'zustand';
import type { AppInfo } from '../../shared/api/contract.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { Language, Settings, SettingsPatch } from '../../shared/settings.js';
import { api, errorInfoOf } from '../api/index.js';
import { useLanguageStore } from '../i18n/index.js';
import { toastError } from './toastStore.js';

interface SettingsState {
  settings: Settings | null;
  appInfo: AppInfo | null;
  loading: boolean;
  error: ErrorInfo | null;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<Settings>;
  /** Switches the UI language now and asks main to remember it. */
  changeLanguage(language: Language): Promise<void>;
  /** Settings pushed by main (`settings.changed`). */
  received(settings: Settings): void;
}

/** Bumped by every local language switch, so a reply that was already on its way cannot undo it. */
let localLanguageChanges = 0;

export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  appInfo: null,
  loading: false,
  error: null,

  async load() {
    set({ loading: true, error: null });
    const changesBefore = localLanguageChanges;
    try {
      const [settings, appInfo] = await Promise.all([api().call('settings.get', {}), api().call('app.info', {})]);
      if (changesBefore !== localLanguageChanges) settings.language = useLanguageStore.getState().language;
      set({ settings, appInfo, loading: false });
      // Main remembers the language for every shell; it wins over this browser's copy.
      if (settings.language !== useLanguageStore.getState().language) {
        useLanguageStore.getState().setLanguage(settings.language);
      }
    } catch (err) {
      set({ loading: false, error: errorInfoOf(err) });
    }
  },

  async update(patch) {
    const settings = await api().call('settings.update', patch);
    get().received(settings);
    return settings;
  },

  async changeLanguage(language) {
    localLanguageChanges += 1;
    useLanguageStore.getState().setLanguage(language);
    const current = get().settings;
    if (current) set({ settings: { ...current, language } });
    try {
      await get().update({ language });
    } catch (err) {
      toastError(errorInfoOf(err));
    }
  },

  received(settings) {
    set({ settings });
    if (settings.language !== useLanguageStore.getState().language) {
      useLanguageStore.getState().setLanguage(settings.language);
    }
  },
}));
