// JSON request bodies: application/json and any application/*+json (JSON-LD credentials, problem details), UTF-8 only,
// up to BODY_LIMIT. A malformed body, or a bare value (3, "text", null), is a 400 problem; an empty one is an empty
// object, as a form without fields.
import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const JSON_TYPES = /^application\/(?:[a-z0-9!#$&^_.-]+\+)?json(?:;|$)/i;

export function acceptJsonBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser(JSON_TYPES, { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return done(new HttpException({ code: 'unsupported_encoding', detail: 'The request body must be UTF-8.' }, HttpStatus.UNSUPPORTED_MEDIA_TYPE));
    }
    if (body === '') return done(null, {});
    let value: unknown;
    try {
      value = JSON.parse(body as string);
    } catch {
      return done(new BadRequestException({ code: 'malformed_json', detail: 'The request body is not valid JSON.' }));
    }
    // Every body this API takes is an object (or a list): a bare value is a mistake worth naming as such.
    if (!value || typeof value !== 'object') return done(new BadRequestException({ code: 'malformed_json', detail: 'The request body must be a JSON object.' }));
    done(null, value);
  });
}
