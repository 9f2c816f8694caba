/** The calls of the 3D builder (issue 16); spread into the contract. */
export const meshCalls = {} as const;

export type MeshCallName = keyof typeof meshCalls;

/** Pushed when one of the 3D builder's records changed; the page reloads what it shows. */
export interface MeshChangedEvent {
  id: string;
}
