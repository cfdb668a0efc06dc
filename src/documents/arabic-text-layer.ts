// What text extractors read from the Arabic we draw glyph by glyph: the ToUnicode map of the Arabic faces.
import type { PDFContext, PDFFont, PDFRef } from 'pdf-lib';

/**
 * Measured on our certificates with poppler's pdftotext 22.12, pdf.js 5.6 (getTextContent) and PDFium (the engine of
 * Chromium's viewer, whose copy and find read FPDFText_GetText): all three take an Arabic run's glyphs in drawing
 * (visual) order and reverse the right-to-left stretch character by character. So glyphs in visual order with a
 * ToUnicode of their letters come out as written, with no /ActualText at all, while an /ActualText span comes out
 * letter-reversed from poppler and PDFium (pdf.js ignores it). The one glyph that maps to several letters, a lam-alef
 * ligature, is reversed with its neighbours: "لأ" became "أل". Its entry therefore lists the letters in visual
 * order too, and the extractors' reversal gives them back as written.
 */
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;

interface MappedGlyph {
  id: number;
  codePoints: number[];
}

/** pdf-lib's subset embedder, as far as the ToUnicode map is concerned (not in its public types). */
interface UnicodeCmapEmbedder {
  glyphCache: { access(): MappedGlyph[]; invalidate(): void };
  embedUnicodeCmap(context: PDFContext): PDFRef;
}

export const inVisualOrder = (glyph: MappedGlyph): MappedGlyph =>
  glyph.codePoints.length > 1 && RIGHT_TO_LEFT_LETTER.test(String.fromCodePoint(glyph.codePoints[0]))
    ? { id: glyph.id, codePoints: [...glyph.codePoints].reverse() }
    : glyph;

/**
 * Makes this document's `font` (an Arabic face) write its ligatures' letters in visual order into its ToUnicode map.
 * Set on the one embedder, for the one document: other fonts, documents and layout versions are untouched.
 */
export function mapLigaturesInVisualOrder(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: UnicodeCmapEmbedder }).embedder;
  const embedUnicodeCmap = embedder.embedUnicodeCmap.bind(embedder);
  embedder.embedUnicodeCmap = (context) => {
    const glyphs = embedder.glyphCache;
    embedder.glyphCache = { access: () => glyphs.access().map(inVisualOrder), invalidate: () => glyphs.invalidate() };
    try {
      return embedUnicodeCmap(context);
    } finally {
      embedder.glyphCache = glyphs;
    }
  };
}
