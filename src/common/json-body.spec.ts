import { HttpException } from '@nestjs/common';
import { MAX_JSON_DEPTH, parseBoundedJson } from './json-body.js';

const refusal = (text: string): unknown => {
  try {
    parseBoundedJson(text, 'body');
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), errors: (error.getResponse() as { errors: unknown }).errors };
    return { thrown: (error as Error).name };
  }
  return 'accepted';
};

describe('parseBoundedJson', () => {
  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more before building anything`, () => {
    expect(refusal('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe('accepted');
    expect(refusal('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1))).toEqual({
      status: 400,
      errors: [{ field: 'body', reason: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` }],
    });
    expect(refusal('['.repeat(1_000_000))).toMatchObject({ status: 400 });
  });

  it('counts no bracket inside a string, escaped quotes included', () => {
    expect(refusal(JSON.stringify({ title: { fr: '['.repeat(500) + '\\"{{{' } }))).toBe('accepted');
  });

  it('names the field that holds a NUL or a lone surrogate, keys included', () => {
    expect(refusal('{"levels":[{"label":{"fr":"Plan\\u0000blanc"}}]}')).toEqual({
      status: 400,
      errors: [{ field: 'levels[0].label.fr', reason: 'must not contain the NUL character (U+0000)' }],
    });
    expect(refusal('{"email":"\\ud800@chu.example"}')).toMatchObject({
      errors: [{ field: 'email', reason: expect.stringContaining('lone surrogate') }],
    });
    expect(refusal('{"name":{"ar":"\\udfff"}}')).toMatchObject({ errors: [{ field: 'name.ar' }] });
    expect(refusal('{"a\\u0000":1}')).toEqual({
      status: 400,
      errors: [{ field: 'a\\u0000', reason: 'its name must not contain the NUL character (U+0000)' }],
    });
  });

  it('keeps well-formed text: Arabic, emoji (surrogate pairs), bidi marks', () => {
    expect(refusal(JSON.stringify({ ar: 'إدارة الأزمات', emoji: '🏥', pair: '\ud83c\udfe5', mark: '\u200f' }))).toBe('accepted');
  });

  it('leaves a syntax error to the caller', () => {
    expect(refusal('{"title":')).toEqual({ thrown: 'SyntaxError' });
  });
});
