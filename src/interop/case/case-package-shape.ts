// Whether an uploaded JSON value is a CFPackage at all (400 when not). Only what reading needs is enforced:
// real CASE 1.0 files miss optional fields, carry dates without zone and non-RFC 4122 UUIDs, and that is fine.
import { asLocalized, fromCaseAssociationType, linkIdentifier } from './case-conventions.js';
import { DEFINITION_KINDS, isJsonObject, type JsonObject } from './case-package.types.js';
import type { FieldError } from '../../common/problems.js';

type Report = (field: string, reason: string) => void;

export function packageShapeErrors(root: unknown): FieldError[] {
  if (!isJsonObject(root)) return [{ field: 'file', reason: 'must be a JSON object with a CFDocument (a CASE CFPackage)' }];
  const errors: FieldError[] = [];
  const report: Report = (field, reason) => errors.push({ field, reason });

  const document = root.CFDocument;
  if (!isJsonObject(document)) {
    report('CFDocument', 'missing: a CASE package has one CFDocument object');
  } else {
    requireText(document, 'identifier', 'CFDocument', report);
    requireText(document, 'title', 'CFDocument', report);
    if (document.version !== undefined && typeof document.version !== 'string' && typeof document.version !== 'number')
      report('CFDocument.version', 'must be a string');
    const extensions = isJsonObject(document.extensions) ? document.extensions : {};
    if (extensions.proficiencyScales !== undefined)
      checkScales(extensions.proficiencyScales, 'CFDocument.extensions.proficiencyScales', report);
  }

  eachObject(root, 'CFItems', report, (item, at) => {
    requireText(item, 'identifier', at, report);
    if (typeof item.fullStatement !== 'string') report(`${at}.fullStatement`, 'missing: every CFItem needs a fullStatement');
  });
  eachObject(root, 'CFAssociations', report, (association, at) => {
    requireText(association, 'identifier', at, report);
    const type = association.associationType;
    if (typeof type !== 'string') report(`${at}.associationType`, 'missing');
    else if (!fromCaseAssociationType(type))
      report(`${at}.associationType`, `${type} is not a CASE association type (nor an extension type ext:…)`);
    for (const end of ['originNodeURI', 'destinationNodeURI']) {
      if (!linkIdentifier(association[end])) report(`${at}.${end}`, 'must be a link with an identifier or a uri');
    }
  });
  eachObject(root, 'CFRubrics', report, () => {});

  // The CASE 1.0 schema also allows an empty array here.
  const definitions = root.CFDefinitions;
  if (Array.isArray(definitions)) {
    if (definitions.length) report('CFDefinitions', 'must be an object (or an empty array)');
  } else if (definitions !== undefined && definitions !== null) {
    if (!isJsonObject(definitions)) report('CFDefinitions', 'must be an object (or an empty array)');
    else
      for (const kind of DEFINITION_KINDS)
        eachObject(
          definitions,
          kind,
          (field, reason) => report(`CFDefinitions.${field}`, reason),
          () => {},
        );
  }
  return errors;
}

function requireText(object: JsonObject, key: string, at: string, report: Report): void {
  const value = object[key];
  if (typeof value !== 'string' || !value.trim()) report(`${at}.${key}`, value === undefined ? 'missing' : 'must be a non-empty string');
}

/** An optional array of objects: absent is fine, anything else is reported with its index. */
function eachObject(parent: JsonObject, key: string, report: Report, check: (value: JsonObject, at: string) => void): void {
  const list = parent[key];
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    report(key, 'must be an array');
    return;
  }
  list.forEach((value, index) => {
    if (isJsonObject(value)) check(value, `${key}[${index}]`);
    else report(`${key}[${index}]`, 'must be an object');
  });
}

/** Our own extension (see the package writer): scales with ordered levels and texts in fr/ar/en. */
function checkScales(scales: unknown, at: string, report: Report): void {
  if (!Array.isArray(scales)) {
    report(at, 'must be an array');
    return;
  }
  scales.forEach((scale, i) => {
    const where = `${at}[${i}]`;
    if (!isJsonObject(scale)) return report(where, 'must be an object');
    if (typeof scale.code !== 'string' || !scale.code.trim()) report(`${where}.code`, 'missing');
    if (!asLocalized(scale.title)) report(`${where}.title`, 'must be a text in fr, ar and/or en');
    if (!Array.isArray(scale.levels)) return report(`${where}.levels`, 'must be an array');
    scale.levels.forEach((level: unknown, j: number) => {
      const levelAt = `${where}.levels[${j}]`;
      if (!isJsonObject(level)) return report(levelAt, 'must be an object');
      if (!Number.isInteger(level.rank)) report(`${levelAt}.rank`, 'must be an integer');
      if (typeof level.code !== 'string' || !level.code.trim()) report(`${levelAt}.code`, 'missing');
      if (!asLocalized(level.label)) report(`${levelAt}.label`, 'must be a text in fr, ar and/or en');
      if (level.description !== undefined && level.description !== null && !asLocalized(level.description))
        report(`${levelAt}.description`, 'must be a text in fr, ar and/or en');
    });
  });
}
