/**
 * AI-disclosure metadata written into every output. Images get an XMP packet
 * with the IPTC Extension DigitalSourceType (the field platforms and C2PA
 * tooling read); MP4s get a comment and description atom plus the tool.
 */
export const TOOL_NAME = 'KingJam Studio';
export const DIGITAL_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
export const AI_DISCLOSURE = `AI-generated content (IPTC DigitalSourceType: trainedAlgorithmicMedia), made with ${TOOL_NAME}`;

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XMP packet for sharp's withXmp(): DigitalSourceType, creator tool, and a human-readable description. */
export function provenanceXmp(tool = TOOL_NAME): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ` Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPE}"`,
    ` xmp:CreatorTool="${xmlEscape(tool)}">`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(AI_DISCLOSURE)}</rdf:li></rdf:Alt></dc:description>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
}

/** ffmpeg -metadata arguments for MP4/MOV outputs (udta ©cmt, ©des, ©too). */
export function provenanceFfmpegArgs(tool = TOOL_NAME): string[] {
  return ['-metadata', `comment=${AI_DISCLOSURE}`, '-metadata', `description=${AI_DISCLOSURE}`, '-metadata', `encoder=${tool}`];
}
