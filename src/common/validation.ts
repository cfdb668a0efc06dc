// Global validation: DTO errors become a flat list of { field, reason } with dotted paths; query and path values must
// be storable text; a null the contract does not allow is dropped, as if the field were absent.
import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { IsObject, isUUID } from 'class-validator';
import { FieldError, invalid } from './problems.js';
import { unstorableReason } from './storable-text.js';

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

const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

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

/**
 * The DTOs' rules and whitelist, with @JsonDocument fields validated as objects and passed on untouched. JSON bodies
 * were checked by the body parser (json-body.ts) and multipart fields by the upload interceptor; query and path values
 * are checked here.
 */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' || metadata.type === 'param') assertStorable(value, metadata.data);
    const fields = (metadata.metatype?.prototype as { [JSON_DOCUMENT_FIELDS]?: string[] } | undefined)?.[JSON_DOCUMENT_FIELDS];
    if (!fields || !isPlainObject(value)) return dropUndeclaredNulls(await super.transform(value, metadata));
    const documents = fields.filter((field) => isPlainObject(value[field]));
    const shallow = { ...value, ...Object.fromEntries(documents.map((field) => [field, {}])) };
    const dto = dropUndeclaredNulls(await super.transform(shallow, metadata)) as Record<string, unknown>;
    for (const field of documents) dto[field] = value[field];
    return dto;
  }
}

/** Query values (one, or a list when repeated) and path values: PostgreSQL would refuse a NUL or a lone surrogate. */
function assertStorable(value: unknown, name: string | undefined): void {
  const entries: [string, unknown][] = isPlainObject(value) ? Object.entries(value) : [[name ?? 'value', value]];
  for (const [field, item] of entries) {
    for (const text of Array.isArray(item) ? item : [item]) {
      const reason = typeof text === 'string' ? unstorableReason(text) : undefined;
      if (reason) throw invalid([{ field, reason }]);
    }
  }
}

const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/**
 * Where the OpenAPI document does not declare a DTO property nullable, a null is dropped after validation: a required
 * field is still refused by its rules (null is not a string), an optional one reads as absent ("not changed" in a
 * PATCH) instead of reaching a NOT NULL column. Plain objects (JSON-LD documents, extras) are kept as sent.
 */
function dropUndeclaredNulls<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(dropUndeclaredNulls);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (!prototype || prototype === Object.prototype) return value;
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (fields[key] !== null) dropUndeclaredNulls(fields[key]);
    else if ((Reflect.getMetadata(SWAGGER_PROPERTY, prototype, key) as { nullable?: boolean } | undefined)?.nullable !== true)
      delete fields[key];
  }
  return value;
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
