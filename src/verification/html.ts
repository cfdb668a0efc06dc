// Text from documents and records, made safe for the verification page's HTML.

// Bidirectional controls in a name could reorder what is printed around it (an RLO turns "19/20" into "02/91"):
// they are dropped, and each value from a document sits in its own <bdi>, isolated from the page's direction.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const escapeHtml = (text: string): string =>
  text.replace(BIDI_CONTROLS, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const isolated = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;
