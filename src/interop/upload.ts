// Uploaded files: the OpenAPI shape of a multipart upload, and decoding that accepts UTF-8 only (BOM or not).
import { applyDecorators, HttpException, HttpStatus, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { invalid } from '../common/problems.js';

/**
 * A route that takes one file in the multipart field `file`, plus optional text fields described in `fields`.
 * Memory storage: the file arrives as a Buffer, bounded by IMPORT_MAX_BYTES (UploadModule).
 */
export function FileUpload(description: string, fields: Record<string, { type: 'string' | 'boolean'; description: string; format?: string }> = {}) {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description }, ...fields },
      },
    }),
    ApiPayloadTooLargeResponse({ description: 'The file is larger than IMPORT_MAX_BYTES' }),
    ApiUnprocessableEntityResponse({ description: 'The file was read but refused; `errors` lists each problem with its line' }),
  );
}

export function requireFile(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file) throw invalid([{ field: 'file', reason: 'a file is required (multipart field "file")' }]);
  return file;
}

/** UTF-8 text without its BOM; any other encoding is refused with 415 rather than imported as mojibake. */
export function decodeUtf8(buffer: Buffer): string {
  let bytes = buffer;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw unsupportedEncoding('UTF-16');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unsupportedEncoding('not valid UTF-8 (Windows-1252 or Latin-1?)');
  }
}

const unsupportedEncoding = (found: string): HttpException =>
  new HttpException({ code: 'unsupported_encoding', detail: `The file must be UTF-8 (with or without BOM); it is ${found}. Save it as UTF-8 and upload it again.` }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
