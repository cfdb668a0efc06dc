// The certificate's typefaces, read from npm packages and parsed once per process, shared by every document.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit, { type Font, type Glyph, type GlyphRun, type Subset } from '@pdf-lib/fontkit';

/** Latin text in Libre Baskerville (a classic book serif); Arabic in Noto Naskh Arabic, the Naskh style of official Arabic documents. */
export type FontRole = 'serif' | 'serifBold' | 'serifItalic' | 'arabic' | 'arabicBold';
export const FONT_ROLES: readonly FontRole[] = ['serif', 'serifBold', 'serifItalic', 'arabic', 'arabicBold'];

export interface PreparedFont {
  role: FontRole;
  /** The TTF file as shipped; pdf-lib subsets it per document. */
  bytes: Uint8Array;
  /** Parsed once: pdf-lib would otherwise re-parse the file and rebuild the GSUB/GPOS lookups for every PDF. */
  font: Font;
  /** PDF BaseFont name with a fixed subset tag, so the output does not depend on pdf-lib's random suffixes. */
  baseFontName: string;
}

/** What pdf-lib needs from fontkit (`registerFontkit`): hands back the already parsed font for bytes it knows. */
export interface FontkitLike {
  create(bytes: Uint8Array): Font;
}

const require = createRequire(import.meta.url);

/** @embedpdf/fonts-arabic exports only its index, so the TTF files are found beside it. */
function arabicFontPath(file: string): string {
  return join(dirname(require.resolve('@embedpdf/fonts-arabic')), '..', 'fonts', file);
}

const FONT_FILES: Record<FontRole, { path: () => string; tag: string }> = {
  serif: { path: () => require.resolve('@expo-google-fonts/libre-baskerville/400Regular/LibreBaskerville_400Regular.ttf'), tag: 'CRTAAA' },
  serifBold: { path: () => require.resolve('@expo-google-fonts/libre-baskerville/700Bold/LibreBaskerville_700Bold.ttf'), tag: 'CRTAAB' },
  serifItalic: {
    path: () => require.resolve('@expo-google-fonts/libre-baskerville/400Regular_Italic/LibreBaskerville_400Regular_Italic.ttf'),
    tag: 'CRTAAC',
  },
  arabic: { path: () => arabicFontPath('NotoNaskhArabic-Regular.ttf'), tag: 'CRTAAD' },
  arabicBold: { path: () => arabicFontPath('NotoNaskhArabic-Bold.ttf'), tag: 'CRTAAE' },
};

type Listener = (value?: Uint8Array) => void;
interface EncodeStreamLike {
  push(chunk: Uint8Array | null): boolean;
  end(): void;
}
type EncodableSubset = Subset & { encode(stream: EncodeStreamLike): void };
type DecodableGlyph = Glyph & { _decode(): unknown };

/**
 * The parsed font as pdf-lib sees it, with four shortcuts that together cut the render time by more than half:
 *
 * - GPOS positioning is switched off. pdf-lib draws each glyph at its advance width and never reads the positions
 *   a layout returns (no kerning or mark offsets reach the page), so computing them was pure cost: two thirds of
 *   the layout time of a Latin line. Glyph choice (GSUB: Arabic joining, ligatures) is untouched.
 * - `layout` remembers glyph runs by text. pdf-lib lays each string out twice (to measure, then to encode) and
 *   shaping costs 0.3–0.6 ms per line with kerning and Arabic joining; most lines (wording, school names) repeat on
 *   every certificate. Runs are read-only for pdf-lib. The cap keeps a long batch of unique names from growing it.
 * - `getGlyph` returns glyphs whose outline decoding is remembered: fontkit's subsetter decodes every glyph of every
 *   subset again only to learn whether it is composite.
 * - `createSubset` returns subsets whose `encodeStream()` is synchronous. fontkit 1.x emits the subset through a
 *   browser stream shim scheduled with setTimeout(0): each embedded font waited one or more timer turns (~1 ms
 *   each), a quarter of the render time. The subset is encoded at once into fontkit's own EncodeStream and pdf-lib,
 *   which only listens for 'data', 'end' and 'error', is replayed the chunks straight away.
 */
function sharedFont(font: Font, layoutCapacity = 4000): Font {
  const engine = (font as unknown as { _layoutEngine: { engine?: { GPOSProcessor: unknown; fallbackPosition: boolean } } })._layoutEngine
    .engine;
  if (engine) {
    engine.GPOSProcessor = null;
    engine.fallbackPosition = false; // nor position marks from Unicode properties instead
  }

  const runs = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    if (features !== undefined) return font.layout(text, features as string[]);
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= layoutCapacity) runs.clear();
      run = font.layout(text);
      runs.set(text, run);
    }
    return run;
  };

  const remembered = new WeakSet<Glyph>();
  const getGlyph = (id: number, codePoints?: number[]): Glyph => {
    const glyph = font.getGlyph(id, codePoints) as DecodableGlyph;
    if (!remembered.has(glyph)) {
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      glyph._decode = () => (decoded ??= decode());
      remembered.add(glyph);
    }
    return glyph;
  };

  const EncodeStream = (font.createSubset().encodeStream() as unknown as { constructor: new () => EncodeStreamLike }).constructor;
  const createSubset = (): Subset => {
    // Created on the shared font, so that the subsetter's getGlyph calls go through the shortcut above.
    const subset = Object.getPrototypeOf(font).createSubset.call(shared) as EncodableSubset;
    subset.encodeStream = () => {
      const chunks: Uint8Array[] = [];
      const stream = new EncodeStream();
      stream.push = (chunk) => {
        if (chunk) chunks.push(chunk);
        return true;
      };
      subset.encode(stream);
      stream.end();
      const replay = {
        on(event: string, listener: Listener) {
          if (event === 'data') for (const chunk of chunks) listener(chunk);
          if (event === 'end') listener();
          return replay;
        },
      };
      return replay as unknown as ReturnType<Subset['encodeStream']>;
    };
    return subset;
  };

  const overrides: Record<PropertyKey, unknown> = { layout, getGlyph, createSubset };
  const shared: Font = new Proxy(font, {
    get: (target, property, receiver) => (property in overrides ? overrides[property] : Reflect.get(target, property, receiver)),
  });
  return shared;
}

export function loadCertificateFonts(): Map<FontRole, PreparedFont> {
  const fonts = new Map<FontRole, PreparedFont>();
  for (const role of FONT_ROLES) {
    const { path, tag } = FONT_FILES[role];
    const bytes = new Uint8Array(readFileSync(path()));
    const font = sharedFont(fontkit.create(bytes));
    fonts.set(role, { role, bytes, font, baseFontName: `${tag}+${font.postscriptName}` });
  }
  return fonts;
}

/** The fontkit stand-in given to each PDFDocument: the same bytes always yield the same parsed font. */
export function sharedFontkit(fonts: Iterable<PreparedFont>): FontkitLike {
  const byBytes = new Map<Uint8Array, Font>();
  for (const prepared of fonts) byBytes.set(prepared.bytes, prepared.font);
  return {
    create(bytes) {
      const font = byBytes.get(bytes);
      if (!font) throw new Error('sharedFontkit only serves the certificate fonts it was given.');
      return font;
    },
  };
}
