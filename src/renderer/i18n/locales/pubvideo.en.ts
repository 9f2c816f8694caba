/** English texts of family `pubvideo` (issue 13: publishing): its UI strings (`pubvideo.*`) and the texts of its server message keys (`msg.publish.*`). */
export const pubvideoEn = {
} satisfies Record<`pubvideo.${string}` | `msg.publish.${string}`, string>;

export type PubvideoMessages = Record<keyof typeof pubvideoEn, string>;
