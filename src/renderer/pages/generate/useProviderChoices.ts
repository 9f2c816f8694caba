import { useEffect, useState } from 'react';
import type { ChoiceProvider, ChoiceStatus } from '../../../shared/providers.js';
import { api } from '../../api/index.js';
import { useAccountStore } from '../../stores/accountStore.js';
import { settledChoice, type TextModelChoice } from './modelChoice.js';

/**
 * Which provider choices can run now (providers.choices), asked when a form
 * opens and again whenever the account or wallet changes (signing in,
 * buying credits). Null until the first answer; if it cannot be read, only
 * offline drafts count as usable.
 */
export function useProviderChoices(): ChoiceStatus[] | null {
  const account = useAccountStore((s) => s.account);
  const wallet = useAccountStore((s) => s.wallet);
  const [choices, setChoices] = useState<ChoiceStatus[] | null>(null);
  const key = JSON.stringify([account?.signedIn, account?.userId, wallet?.balance?.available, wallet?.allowance?.remaining]);
  useEffect(() => {
    let live = true;
    api()
      .call('providers.choices', {})
      .then(
        (list) => live && setChoices(list),
        () => live && setChoices([{ provider: 'offline', mode: 'local', usable: true, action: null }]),
      );
    return () => {
      live = false;
    };
  }, [key]);
  return choices;
}

export function statusOf(choices: ChoiceStatus[] | null, provider: ChoiceProvider): ChoiceStatus | undefined {
  return choices?.find((c) => c.provider === provider);
}

/** The writing model a form uses: the user's pick while it can run, else the default (settledChoice). */
export function useModelChoice(choices: ChoiceStatus[] | null): [TextModelChoice, (choice: TextModelChoice) => void] {
  const [picked, setPicked] = useState<TextModelChoice | null>(null);
  return [choices ? settledChoice(picked, choices) : (picked ?? 'offline'), setPicked];
}
