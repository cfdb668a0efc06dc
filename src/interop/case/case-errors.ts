// The CASE API answers errors in the 1EdTech imsx_StatusInfo shape (the rest of the service keeps RFC 9457):
// a filter scoped to the CASE controller, and the sourcedId check whose failure CASE names `invaliduuid`.
import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  Injectable,
  Logger,
  PipeTransform,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { FieldError } from '../../common/problems.js';
import { isUuid } from '../imported-framework.js';

/** A CASE identifier from the path: a UUID in any case and variant (1.0 files use d0000000-0000-0000-…), `.json` suffix allowed as OpenSALT does. */
@Injectable()
export class SourcedIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = value.replace(/\.json$/i, '');
    if (!isUuid(id))
      throw new BadRequestException({
        code: 'invalid_uuid',
        detail: `The sourcedId ${value} is not a UUID.`,
        errors: [{ field: 'sourcedId', reason: 'must be a UUID' }],
      });
    return id.toLowerCase();
  }
}

export interface ImsxStatusInfo {
  imsx_codeMajor: 'failure';
  imsx_severity: 'error';
  imsx_description: string;
  imsx_codeMinor: { imsx_codeMinorField: { imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: string }[] };
}

const MINOR_CODES: Record<number, string> = { 401: 'unauthorisedrequest', 403: 'forbidden', 404: 'unknownobject', 429: 'server_busy' };

@Catch()
export class CaseErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('CASE');

  catch(exception: unknown, host: ArgumentsHost): void {
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const payload = exception instanceof HttpException ? exception.getResponse() : undefined;
    const problem = (typeof payload === 'object' && payload ? payload : {}) as { code?: string; detail?: string; errors?: FieldError[] };
    if (status >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    host.switchToHttp().getResponse<FastifyReply>().status(status).send(statusInfo(status, problem));
  }
}

function statusInfo(status: number, problem: { code?: string; detail?: string; errors?: FieldError[] }): ImsxStatusInfo {
  let field = 'sourcedId';
  let minor = MINOR_CODES[status] ?? 'internal_server_error';
  if (status === 400) {
    // Any other 400 here is a paging parameter (limit, offset) the validation refused.
    minor = problem.code === 'invalid_uuid' ? 'invaliduuid' : 'invalid_selection_field';
    field = problem.errors?.[0]?.field ?? field;
  }
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: status >= 500 ? 'An unexpected error occurred.' : (problem.detail ?? 'The request failed.'),
    imsx_codeMinor: { imsx_codeMinorField: [{ imsx_codeMinorFieldName: field, imsx_codeMinorFieldValue: minor }] },
  };
}
