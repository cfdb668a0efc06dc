// Nest HTTP exceptions that carry a stable code; the problem filter turns them into RFC 9457 bodies.
import { BadRequestException, ConflictException, ForbiddenException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
  /** Line (CSV) or position (JSON) in an uploaded file, when the error comes from one. */
  line?: number;
}

export interface ProblemBody {
  code: string;
  detail: string;
  errors?: FieldError[];
  /** With 429 or 503: seconds to wait, also sent as the Retry-After header. */
  retryAfter?: number;
}

const body = (code: string, detail: string, errors?: FieldError[]): ProblemBody => (errors ? { code, detail, errors } : { code, detail });

export const invalid = (errors: FieldError[], detail = 'The request has invalid fields.'): HttpException =>
  new BadRequestException(body('validation_failed', detail, errors));

export const notFound = (what: string, id?: string): HttpException =>
  new NotFoundException(body('not_found', id ? `${what} ${id} does not exist.` : `${what} does not exist.`));

export const conflict = (code: string, detail: string, errors?: FieldError[]): HttpException =>
  new ConflictException(body(code, detail, errors));

export const forbidden = (code: string, detail: string): HttpException => new ForbiddenException(body(code, detail));

export const tooManyRequests = (code: string, detail: string, retryAfter: number): HttpException =>
  new HttpException({ code, detail, retryAfter }, HttpStatus.TOO_MANY_REQUESTS);
