// One filter shapes every error as application/problem+json; unexpected errors are logged, never echoed.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../database/unavailable.js';
import type { FieldError, ProblemBody } from './problems.js';

export interface Problem extends ProblemBody {
  type: string;
  title: string;
  status: number;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    if (problem.code === 'database_unavailable') this.logger.warn(`database unavailable: ${(exception as Error).message}`);
    else if (problem.status >= 500)
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    if (problem.status === 429 || problem.retryAfter !== undefined) void response.header('Retry-After', String(problem.retryAfter ?? 60));
    void response.status(problem.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown): Problem {
    // Nest hands Fastify's own refusals over as HttpExceptions whose cause is the FastifyError.
    const refused = refusedByServer(exception instanceof HttpException ? exception.cause : exception);
    if (refused) return refused;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload && 'code' in payload) return make(status, payload as ProblemBody);
      const message = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      return make(status, {
        code: DEFAULT_CODES[status] ?? 'error',
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
      });
    }
    // Down, partitioned or timing out: the request may well succeed later, so it is not an internal error.
    if (isDatabaseUnavailable(exception)) {
      return make(503, {
        code: 'database_unavailable',
        detail: 'The database cannot be reached now; try again shortly.',
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      });
    }
    if (exception instanceof QueryFailedError) return fromDatabase(exception);
    return make(500, { code: 'internal_error', detail: 'An unexpected error occurred.' });
  }
}

/** What Fastify refuses before any route runs (body too large, a body type no route takes, a bad Content-Length). */
function refusedByServer(error: unknown): Problem | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500)
    return undefined;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return make(413, { code: 'payload_too_large', detail: 'The request body is too large.' });
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return make(415, {
      code: 'unsupported_media_type',
      detail: 'This route does not take a body of this Content-Type; send application/json.',
    });
  return make(statusCode, { code: DEFAULT_CODES[statusCode] ?? 'bad_request', detail: (error as Error).message });
}

function make(status: number, body: ProblemBody): Problem {
  const problem: Problem = {
    type: `about:blank#${body.code}`,
    title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
    status,
    code: body.code,
    detail: body.detail,
  };
  if (body.errors?.length) problem.errors = body.errors;
  if (body.retryAfter !== undefined) problem.retryAfter = body.retryAfter;
  return problem;
}

/** Constraint violations that slipped past the services' own checks still answer as conflicts, not 500. */
function fromDatabase(error: QueryFailedError): Problem {
  const driverError = error.driverError as { code?: string; constraint?: string; column?: string };
  const errors: FieldError[] | undefined = driverError.constraint
    ? [{ field: driverError.column ?? driverError.constraint, reason: `violates ${driverError.constraint}` }]
    : undefined;
  switch (driverError.code) {
    case '23505':
      return make(409, { code: 'duplicate', detail: 'A record with the same unique value already exists.', errors });
    case '23503':
      return make(409, {
        code: 'referenced',
        detail: 'The record is referenced by, or refers to, another record that prevents this change.',
        errors,
      });
    case '23514':
      return make(400, { code: 'constraint_violated', detail: 'A value breaks a rule of the data model.', errors });
    case '22P02':
    case '22001':
    case '22003':
      return make(400, { code: 'invalid_value', detail: 'A value has the wrong format or size.' });
    case '40001':
    case '40P01':
      return make(409, { code: 'concurrent_update', detail: 'A concurrent change got there first; retry the request.' });
    default:
      return make(500, { code: 'internal_error', detail: 'An unexpected error occurred.' });
  }
}
