// Uploaded files: multipart/form-data read from the request stream (@fastify/multipart), the OpenAPI shape of an
// upload, and decoding that accepts UTF-8 only (BOM or not).
import {
  applyDecorators,
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  mixin,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { invalid, type FieldError } from '../common/problems.js';
import { unstorableReason } from '../common/storable-text.js';

/** A file received in memory. */
export interface ReceivedFile {
  field: string;
  originalName: string;
  mimetype: string;
  buffer: Buffer;
}

/** A file received on disk (large files: ESCO), removed once the request is answered. */
export interface StoredFile {
  field: string;
  originalName: string;
  path: string;
}

const RECEIVED = Symbol('receivedFiles');
type WithFiles = FastifyRequest & { [RECEIVED]?: { memory: ReceivedFile[]; disk: StoredFile[] } };

/** Text fields of a form, for the DTO of @Body(). */
const MAX_FIELDS = 20;

const tooLarge = (maxBytes: number | undefined): HttpException =>
  new HttpException(
    {
      code: 'payload_too_large',
      detail: maxBytes ? `A file is larger than this route accepts (${maxBytes} bytes).` : 'A file is larger than IMPORT_MAX_BYTES.',
    },
    HttpStatus.PAYLOAD_TOO_LARGE,
  );

/**
 * Reads the multipart body before the handler: files of the named fields, in memory or on disk, each under
 * IMPORT_MAX_BYTES; text fields become the body. A file in any other field is refused, as is a file too large (413).
 */
function multipartInterceptor(files: string[], storage: 'memory' | 'disk', maxBytes?: number): Type<NestInterceptor> {
  @Injectable()
  class MultipartInterceptor implements NestInterceptor {
    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const request = context.switchToHttp().getRequest<WithFiles>();
      if (!request.isMultipart()) return next.handle();
      const received = { memory: [] as ReceivedFile[], disk: [] as StoredFile[] };
      const body: Record<string, string> = {};
      try {
        // Enforced while the stream is read: a file past the limit is never held whole.
        const limits = { fileSize: maxBytes ?? this.config.importMaxBytes, files: files.length, fields: MAX_FIELDS };
        for await (const part of request.parts({ limits })) {
          if (part.type === 'field') {
            const value = String(part.value);
            const reason = unstorableReason(value);
            if (reason) throw invalid([{ field: part.fieldname, reason }]);
            body[part.fieldname] = value;
            continue;
          }
          if (!files.includes(part.fieldname) || [...received.memory, ...received.disk].some((file) => file.field === part.fieldname)) {
            part.file.resume();
            throw invalid([
              {
                field: part.fieldname,
                reason:
                  files.length === 1
                    ? `unexpected file: send it in the field "${files[0]}"`
                    : 'unexpected file field, or the same field twice',
              } satisfies FieldError,
            ]);
          }
          const meta = { field: part.fieldname, originalName: part.filename };
          if (storage === 'memory') {
            received.memory.push({ ...meta, mimetype: part.mimetype, buffer: await part.toBuffer() });
          } else {
            const path = join(tmpdir(), `upload-${randomUUID()}`);
            received.disk.push({ ...meta, path });
            await pipeline(part.file, createWriteStream(path));
            if (part.file.truncated) throw tooLarge(maxBytes);
          }
        }
      } catch (error) {
        await removeStored(received.disk);
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
        if (code === 'FST_FILES_LIMIT')
          throw invalid([{ field: 'file', reason: `at most ${files.length} file${files.length > 1 ? 's' : ''}` }]);
        if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
          throw invalid([{ field: 'body', reason: `at most ${MAX_FIELDS} form fields` }]);
        if (code === 'FST_PROTO_VIOLATION') throw invalid([{ field: 'body', reason: 'a field name that is not allowed' }]);
        if (isMalformedForm(error))
          throw invalid(
            [{ field: 'body', reason: `not well-formed multipart/form-data: ${error.message}` }],
            'The request body is not a readable form.',
          );
        throw error;
      }
      request.body = body;
      request[RECEIVED] = received;
      if (!received.disk.length) return next.handle();
      // Whatever the answer (a refused form field included), the files on disk are gone before it is sent.
      return from(
        (async () => {
          try {
            return await lastValueFrom(next.handle());
          } finally {
            await removeStored(received.disk);
          }
        })(),
      );
    }
  }
  return mixin(MultipartInterceptor);
}

/**
 * busboy refuses a form with no boundary, a truncated part or a bad header with a plain Error (no code, no syscall:
 * unlike a disk fault, which stays a 500). Its messages name the fault and echo nothing of the request.
 */
const isMalformedForm = (error: unknown): error is Error =>
  error instanceof Error && !(error instanceof HttpException) && !('code' in error) && !('syscall' in error);

function removeStored(files: StoredFile[]): Promise<unknown> {
  return Promise.all(files.map((file) => rm(file.path, { force: true })));
}

/** The file of a FileUpload route (field `file`), or undefined when none was sent. */
export const UploadedFile = createParamDecorator(
  (_: unknown, context: ExecutionContext): ReceivedFile | undefined => context.switchToHttp().getRequest<WithFiles>()[RECEIVED]?.memory[0],
);

/** The files of a disk upload route, whatever their fields. */
export const StoredFiles = createParamDecorator(
  (_: unknown, context: ExecutionContext): StoredFile[] => context.switchToHttp().getRequest<WithFiles>()[RECEIVED]?.disk ?? [],
);

/** Files of the named fields, written to the temporary directory (StoredFiles gives them). */
export function DiskUpload(fields: string[]) {
  return UseInterceptors(multipartInterceptor(fields, 'disk'));
}

/**
 * A route that takes one file in the multipart field `file`, plus optional text fields described in `fields`.
 * In memory: the file arrives as a Buffer, bounded by `maxBytes` (routes open to anyone) or IMPORT_MAX_BYTES.
 */
export function FileUpload(
  description: string,
  fields: Record<string, { type: 'string' | 'boolean'; description: string; format?: string }> = {},
  maxBytes?: number,
) {
  return applyDecorators(
    UseInterceptors(multipartInterceptor(['file'], 'memory', maxBytes)),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description }, ...fields },
      },
    }),
    ApiPayloadTooLargeResponse({
      description: maxBytes ? `The file is larger than ${maxBytes} bytes` : 'The file is larger than IMPORT_MAX_BYTES',
    }),
    ApiUnprocessableEntityResponse({ description: 'The file was read but refused; `errors` lists each problem with its line' }),
  );
}

export function requireFile(file: ReceivedFile | undefined): ReceivedFile {
  if (!file) throw invalid([{ field: 'file', reason: 'a file is required (multipart field "file")' }]);
  return file;
}

/** UTF-8 text without its BOM and without NUL; any other encoding is refused with 415 rather than imported as mojibake. */
export function decodeUtf8(buffer: Buffer): string {
  let bytes = buffer;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw unsupportedEncoding('UTF-16');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupportedEncoding('not valid UTF-8 (Windows-1252 or Latin-1?)');
  }
  // Valid UTF-8, but PostgreSQL stores no NUL: refused here with its line rather than by the database.
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    throw invalid(
      [{ field: 'file', reason: 'contains the NUL character (U+0000)', line: text.slice(0, nul).split('\n').length }],
      'The file is not plain text.',
    );
  return text;
}

const unsupportedEncoding = (found: string): HttpException =>
  new HttpException(
    {
      code: 'unsupported_encoding',
      detail: `The file must be UTF-8 (with or without BOM); it is ${found}. Save it as UTF-8 and upload it again.`,
    },
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
