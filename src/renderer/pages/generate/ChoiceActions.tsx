import { useState } from 'react';
import type { ChoiceAction, ChoiceStatus } from '../../../shared/providers.js';
import { useT } from '../../i18n/index.js';
import { useNavigationStore, type PageId } from '../../stores/navigationStore.js';
import { PROVIDER_NAMES } from './modelChoice.js';

/** Where each action is done; starting Ollama happens outside the studio, so it is explained instead. */
const ACTION_PAGES: Record<Exclude<ChoiceAction, 'start-ollama'>, PageId> = {
  'sign-in': 'account',
  'add-key': 'settings',
  'set-up-comfyui': 'settings',
  'buy-credits': 'credits',
};

/** For each choice that cannot run now, the one action that makes it usable, as a button that does it. */
export function ChoiceActions({ id, blocked }: { id: string; blocked: ChoiceStatus[] }) {
  const t = useT();
  const go = useNavigationStore((s) => s.go);
  const [ollamaHelp, setOllamaHelp] = useState(false);
  if (blocked.length === 0) return null;
  return (
    <div className="choice-actions" data-testid={`${id}-actions`}>
      {blocked.map((s) => {
        const action = s.action!;
        return (
          <button
            key={s.provider}
            type="button"
            className="btn btn--ghost btn--small"
            data-testid={`${id}-action-${s.provider}`}
            data-action={action}
            onClick={() => (action === 'start-ollama' ? setOllamaHelp((open) => !open) : go(ACTION_PAGES[action]))}
          >
            {t(`choices.do.${action}`, { provider: PROVIDER_NAMES[s.provider] })}
          </button>
        );
      })}
      {ollamaHelp ? (
        <p className="choice-actions__help" data-testid={`${id}-ollama-help`}>
          {t('choices.ollamaHelp', { address: blocked.find((s) => s.provider === 'ollama')?.address ?? '' })} <code>ollama serve</code>
        </p>
      ) : null}
    </div>
  );
}
