/** The calls of the 2D studio (issue 16); spread into the contract. */
export const inkCalls = {} as const;

export type InkCallName = keyof typeof inkCalls;

/** Pushed when one of the 2D studio's records changed; the page reloads what it shows. */
export interface InkChangedEvent {
  id: string;
}
