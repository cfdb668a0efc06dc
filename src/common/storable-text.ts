import { Transform } from 'class-transformer';

// Text the service can store and show: PostgreSQL refuses the NUL character in text and jsonb, a lone surrogate is not
// Unicode (encoders throw on it), and bidi controls in a name reorder what a reader of a page, a PDF or a CSV sees.

/** Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), LRM, RLM (U+200E/F) and ALM (U+061C). */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

// In a `u` regex a well-formed surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it holds a lone surrogate, U+D800–U+DFFF)';
  return undefined;
}

/**
 * Names and titles are stored without bidi controls: the pages, PDFs and exports isolate each name themselves, and a
 * control typed (or pasted) into a name could otherwise reverse the text around it.
 */
export const stripBidiControls = (text: string): string => text.replace(BIDI_CONTROLS, '');

/** On a DTO's name or title field: the bidi controls are dropped before the field's rules run. */
export const WithoutBidiControls = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? stripBidiControls(value) : value));
