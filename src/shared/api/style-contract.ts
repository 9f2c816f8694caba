/** The calls of the Style-Locker (issue 16); spread into the contract. */
export const styleCalls = {} as const;

export type StyleCallName = keyof typeof styleCalls;

/** Pushed when one of the Style-Locker's records changed; the page reloads what it shows. */
export interface StyleChangedEvent {
  id: string;
}
