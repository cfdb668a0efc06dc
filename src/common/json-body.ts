// JSON request bodies: application/json and any application/*+json (JSON-LD credentials, problem details), UTF-8 only,
// up to BODY_LIMIT, nested at most MAX_JSON_DEPTH levels, every string (keys too) storable. A malformed body, or a bare
// value (3, "text", null), is a 400 problem; an empty one is an empty object, as a form without fields.
import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { type FieldError, invalid } from './problems.js';
import { unstorableReason } from './storable-text.js';

const JSON_TYPES = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json(?:;|$)/i;

/**
 * Deep enough for a presentation of credentials (the verifier allows 32 levels per credential), far from what
 * recursive code (class-transformer, class-validator, JSON-LD) survives: 5,000 levels overflowed the stack.
 */
export const MAX_JSON_DEPTH = 64;

export function acceptJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return done(
        new HttpException({ code: 'unsupported_encoding', detail: 'The request body must be UTF-8.' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
      );
    }
    if (body === '') return done(null, {});
    let value: unknown;
    try {
      value = parseBoundedJson(body as string, 'body');
    } catch (error) {
      if (error instanceof HttpException) return done(error);
      return done(new BadRequestException({ code: 'malformed_json', detail: 'The request body is not valid JSON.' }));
    }
    // Every body this API takes is an object (or a list): a bare value is a mistake worth naming as such.
    if (!value || typeof value !== 'object')
      return done(new BadRequestException({ code: 'malformed_json', detail: 'The request body must be a JSON object.' }));
    done(null, value);
  });
}

/**
 * JSON.parse within the service's bounds: deeper than MAX_JSON_DEPTH, or a string that cannot be stored, is a 400
 * naming the field (`where` for the depth: the body, or a file's field); a syntax error is thrown as JSON.parse's own.
 */
export function parseBoundedJson(text: string, where: string): unknown {
  if (nestedDeeperThan(text, MAX_JSON_DEPTH)) {
    throw invalid(
      [{ field: where, reason: `JSON nested more than ${MAX_JSON_DEPTH} levels deep` }],
      'The JSON document is nested too deeply.',
    );
  }
  const value: unknown = JSON.parse(text);
  const problem = unstorableField(value, []);
  if (problem) throw invalid([problem]);
  return value;
}

/** Counts brackets outside strings, so a body 5,000 levels deep is refused before anything is built from it. */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** The first string (value or key) of a parsed document that cannot be stored, named by its path. */
function unstorableField(value: unknown, path: (string | number)[]): FieldError | undefined {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason ? { field: fieldName(path), reason } : undefined;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = unstorableField(value[index], [...path, index]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableReason(key);
      if (reason) return { field: fieldName([...path, key]), reason: `its name ${reason}` };
      const found = unstorableField(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** `levels[0].label.fr`, as the validation errors name fields; a name is escaped as in JSON, so it echoes safely. */
const fieldName = (path: (string | number)[]): string =>
  path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${JSON.stringify(key).slice(1, -1)}`)).join('') ||
  'body';
