// Global validation: DTO errors become a flat list of { field, reason } with dotted paths.
import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsObject, isUUID } from 'class-validator';
import { FieldError, invalid } from './problems.js';

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) out.push({ field, reason });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

const JSON_DOCUMENT_FIELDS = Symbol('jsonDocumentFields');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * A field that carries a whole JSON-LD document (a credential, a presentation): it must be an object, and is handed
 * to the handler as parsed. class-transformer would rebuild it property by property, a deep copy of every credential
 * for nothing (and a document must reach the verifier exactly as received).
 */
export function JsonDocument(): PropertyDecorator {
  return (target, property) => {
    const owner = target as { [JSON_DOCUMENT_FIELDS]?: string[] };
    owner[JSON_DOCUMENT_FIELDS] = [...(owner[JSON_DOCUMENT_FIELDS] ?? []), String(property)];
    IsObject()(target, property);
  };
}

/** The DTOs' rules and whitelist, with @JsonDocument fields validated as objects and passed on untouched. */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fields = (metadata.metatype?.prototype as { [JSON_DOCUMENT_FIELDS]?: string[] } | undefined)?.[JSON_DOCUMENT_FIELDS];
    if (!fields || !isPlainObject(value)) return super.transform(value, metadata);
    const documents = fields.filter((field) => isPlainObject(value[field]));
    const shallow = { ...value, ...Object.fromEntries(documents.map((field) => [field, {}])) };
    const dto = (await super.transform(shallow, metadata)) as Record<string, unknown>;
    for (const field of documents) dto[field] = value[field];
    return dto;
  }
}

export const validationPipe = new DtoValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  exceptionFactory: (errors) => invalid(flattenValidationErrors(errors)),
});

/** Route ids are UUIDs; anything else is a 400 naming the parameter, before any query runs. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value)) throw invalid([{ field: metadata.data ?? 'id', reason: 'must be a UUID' }]);
    return value;
  }
}
