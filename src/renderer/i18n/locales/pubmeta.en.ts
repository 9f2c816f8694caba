/** English texts of family `pubmeta` (issue 13: publishing): its UI strings (`pubmeta.*`) and the texts of its server message keys (`msg.publish.*`). */
export const pubmetaEn = {
} satisfies Record<`pubmeta.${string}` | `msg.publish.${string}`, string>;

export type PubmetaMessages = Record<keyof typeof pubmetaEn, string>;
