import { checkImportedFramework, identifierFor, type ImportedFramework, type ImportedItem } from './imported-framework.js';

const item = (identifier: string, parentIdentifier: string | null, code: string, line?: number): ImportedItem => ({
  identifier,
  parentIdentifier,
  code,
  itemType: 'competency',
  label: { fr: code },
  line,
});
const ids = ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000003'];
const framework = (items: ImportedItem[]): ImportedFramework => ({
  identifier: 'f0000000-0000-4000-8000-000000000000',
  version: '1',
  title: { fr: 'Pharmacie' },
  scales: [],
  items,
  associations: [],
});

describe('checkImportedFramework', () => {
  it('orders items parents first, whatever the order of the file', () => {
    const { errors, orderedItems } = checkImportedFramework(
      framework([item(ids[2], ids[1], 'PH-1.1'), item(ids[1], ids[0], 'PH-1'), item(ids[0], null, 'PH')]),
    );
    expect(errors).toEqual([]);
    expect(orderedItems.map((i) => i.code)).toEqual(['PH', 'PH-1', 'PH-1.1']);
  });

  it('reports a cycle in the tree, a dangling parent and a duplicate code with their lines', () => {
    const { errors } = checkImportedFramework(
      framework([item(ids[0], ids[1], 'A', 2), item(ids[1], ids[0], 'B', 3), item(ids[2], 'b0000000-0000-4000-8000-000000000009', 'A', 4)]),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'items.code', reason: 'duplicate code A', line: 4 },
        { field: 'items.parent', reason: 'parent b0000000-0000-4000-8000-000000000009 is not in the file', line: 4 },
        { field: 'items.parent', reason: 'A is its own ancestor (cycle in the tree)', line: 2 },
        { field: 'items.parent', reason: 'B is its own ancestor (cycle in the tree)', line: 3 },
      ]),
    );
  });

  it('terminates when a duplicate identifier makes an item its own ancestor', () => {
    const { errors } = checkImportedFramework(
      framework([item(ids[0], null, 'A'), item(ids[1], ids[0], 'B'), item(ids[2], ids[1], 'C'), item(ids[0], ids[2], 'D')]),
    );
    expect(errors).toContainEqual({ field: 'items[3].identifier', reason: `duplicate identifier ${ids[0]}` });
  });
});

describe('identifierFor', () => {
  it('keeps the UUID an ESCO URI ends with', () => {
    expect(identifierFor('http://data.europa.eu/esco/skill/8071881C-d652-46e7-9cf4-e06a7f1e57c7')).toBe(
      '8071881c-d652-46e7-9cf4-e06a7f1e57c7',
    );
  });

  it('derives the same UUID for the same URI otherwise', () => {
    const isco = identifierFor('http://data.europa.eu/esco/isco/C2262');
    expect(isco).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(identifierFor('http://data.europa.eu/esco/isco/C2262')).toBe(isco);
    expect(identifierFor('http://data.europa.eu/esco/isco/C1342')).not.toBe(isco);
  });
});
