// Streams one uploaded ESCO CSV row by row, so memory stays bounded whatever the file size: UTF-8 enforced while
// reading (415 otherwise), columns matched by header name (400 naming the missing one), multi-line quoted cells kept.
import { HttpException, HttpStatus } from '@nestjs/common';
import { parse, type Parser } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { invalid } from '../../common/problems.js';
import { ESCO_COLUMNS, type EscoFile } from './esco-files.js';

export interface EscoRow {
  /** Cells by ESCO column name (only the columns this service uses); absent optional columns read as ''. */
  cells: Record<string, string>;
  /** Line where the record starts, for error reports. */
  line: number;
}

const normalise = (header: string): string => header.replace(/\s+/g, '').toLowerCase();

export async function* readEscoCsv(file: EscoFile): AsyncGenerator<EscoRow> {
  const { required, optional } = ESCO_COLUMNS[file.kind];
  const parser: Parser = parse({ relax_column_count: true, skip_empty_lines: true, info: true });
  pipeline(createReadStream(file.path), utf8Text(file.field), parser, () => undefined);
  let columns: [string, number][] | undefined;
  let previous = { lines: 0, empty_lines: 0 };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
      const line = previous.lines + (info.empty_lines - previous.empty_lines) + 1;
      previous = info;
      if (!columns) {
        columns = mapColumns(file, record, required, optional);
        continue;
      }
      const cells: Record<string, string> = {};
      for (const [name, index] of columns) cells[name] = record[index]?.trim() ?? '';
      if (Object.values(cells).some((cell) => cell.includes('\u0000')))
        throw invalid([{ field: file.field, reason: 'contains the NUL character (U+0000)', line }]);
      yield { cells, line };
    }
  } catch (error) {
    if (error instanceof HttpException) throw error;
    const { message, lines } = error as { message?: string; lines?: number };
    throw invalid(
      [{ field: file.field, reason: `not a readable CSV file: ${message ?? String(error)}`, line: lines }],
      `${file.field} (${file.originalName}) could not be read.`,
    );
  }
  if (!columns) throw invalid([{ field: file.field, reason: 'the file is empty' }]);
}

function mapColumns(file: EscoFile, header: string[], required: string[], optional: string[]): [string, number][] {
  const positions = new Map(header.map((name, index) => [normalise(name), index] as const).reverse());
  const missing = required.filter((name) => !positions.has(normalise(name)));
  if (missing.length) {
    throw invalid(
      missing.map((name) => ({ field: file.field, reason: `missing column ${name}`, line: 1 })),
      `${file.field} (${file.originalName}) is not an ESCO ${file.kind} CSV file: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`,
    );
  }
  return [...required, ...optional].flatMap((name): [string, number][] =>
    positions.has(normalise(name)) ? [[name, positions.get(normalise(name))!]] : [],
  );
}

/** Decodes UTF-8 (a BOM is dropped) chunk by chunk; a byte sequence that is not UTF-8 fails the whole import with 415. */
function utf8Text(field: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  const refuse = (found: string) =>
    new HttpException(
      {
        code: 'unsupported_encoding',
        detail: `${field} must be UTF-8 (with or without BOM); it is ${found}. Save it as UTF-8 and upload it again.`,
      },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, callback) {
      if (first && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)))
        return callback(refuse('UTF-16'));
      first = false;
      try {
        callback(null, decoder.decode(chunk, { stream: true }));
      } catch {
        callback(refuse('not valid UTF-8 (Windows-1252 or Latin-1?)'));
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(refuse('not valid UTF-8 (it ends inside a character)'));
      }
    },
  });
}
