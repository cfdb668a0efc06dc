import { identifierFor } from '../imported-framework.js';
import { parseMoodleFramework, type MoodleImportOptions } from './moodle-csv-parser.js';

const HEADER_14 =
  '"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy';
const HEADER_12 =
  '"Parent ID number","ID number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type","Rule outcome","Rule config","Is framework",Taxonomy';
const options: MoodleImportOptions = { ownerInstitutionId: '3f1e2b7a-0000-4000-8000-000000000001', version: '2026.1', language: 'fr' };

/** A crisis-management framework as Moodle 4 exports it: children before parents, HTML, a rule, related competencies. */
const CRISIS_14 = [
  HEADER_14,
  ',GC-2026,"Gestion de crise hospitalière","<p>Référentiel de la cellule de crise</p>",1,"Non acquis,En cours,Acquis,Expert","[{""scaleid"":""3""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":3,""scaledefault"":0,""proficient"":1},{""id"":4,""scaledefault"":0,""proficient"":1}]",,,,,,1,"domain,competency,behaviour"',
  'GC-1,GC-1.1,"Déclencher le plan blanc","<p>Évaluer la situation,\nalerter la direction</p>",1,,,,0,null,"GC-2.1,A%2CB",31,,',
  ',GC-1,"Conduite de crise",,1,,,core_competency\\competency_rule_all,2,null,,30,,',
  ',GC-2,"Communication de crise",,1,,,,0,null,,32,,',
  'GC-2,GC-2.1,"Informer les familles",,1,,,,0,null,GC-1.1,33,,',
  'GC-2,"A,B","Cellule, presse",,1,"Non,Oui","[{""scaleid"":""7""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,0,null,,34,,',
  'GC-2.1,GC-2.1.1,"\'=Tenir le registre des appels",,1,,,,0,null,,35,,',
].join('\r\n');

describe('parseMoodleFramework', () => {
  it('reads the 14-column file: framework row, scale, taxonomy, tree whatever the row order, related competencies', () => {
    const result = parseMoodleFramework(CRISIS_14, options);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { model } = result;
    expect(result.columns).toBe(14);
    expect(model.identifier).toBe(identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026#framework`));
    expect(model.title).toEqual({ fr: 'Gestion de crise hospitalière' });
    expect(model.description).toEqual({ fr: '<p>Référentiel de la cellule de crise</p>' });
    expect(model.extras).toEqual({
      moodle: expect.objectContaining({ idNumber: 'GC-2026', descriptionFormat: '1', taxonomies: ['domain', 'competency', 'behaviour'] }),
    });
    expect(model.scales[0].levels.map((level) => [level.rank, level.code, level.label.fr])).toEqual([
      [1, '1', 'Non acquis'],
      [2, '2', 'En cours'],
      [3, '3', 'Acquis'],
      [4, '4', 'Expert'],
    ]);
    expect(model.scales[1]).toMatchObject({ code: 'moodle-2', levels: [{ label: { fr: 'Non' } }, { label: { fr: 'Oui' } }] });

    const byCode = new Map(model.items.map((item) => [item.code, item]));
    expect(byCode.get('GC-1.1')).toMatchObject({
      identifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:GC-1.1`),
      parentIdentifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:GC-1`),
      itemType: 'competency',
      label: { fr: 'Déclencher le plan blanc' },
      description: { fr: '<p>Évaluer la situation,\nalerter la direction</p>' },
      line: 3,
      extras: { moodle: { descriptionFormat: '1', ruleOutcome: '0', ruleConfig: 'null', exportedId: '31' } },
    });
    expect(byCode.get('GC-1')).toMatchObject({
      parentIdentifier: null,
      itemType: 'domain',
      extras: { moodle: expect.objectContaining({ ruleType: 'core_competency\\competency_rule_all', ruleOutcome: '2' }) },
    });
    expect(byCode.get('GC-2.1.1')).toMatchObject({
      itemType: 'behaviour',
      kind: 'behaviour',
      label: { fr: '=Tenir le registre des appels' },
    });
    expect(byCode.get('A,B')).toMatchObject({ label: { fr: 'Cellule, presse' }, scaleCode: 'moodle-2' });
    // GC-1.1 ↔ GC-2.1 is listed on both rows: one association.
    expect(model.associations).toEqual([
      expect.objectContaining({
        originIdentifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:GC-1.1`),
        destinationIdentifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:GC-2.1`),
        type: 'isRelatedTo',
      }),
      expect.objectContaining({
        originIdentifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:A,B`),
        destinationIdentifier: identifierFor(`moodle:${options.ownerInstitutionId}:GC-2026:GC-1.1`),
        type: 'isRelatedTo',
      }),
    ]);
  });

  it('reads the older 12-column file with a JSON taxonomy into the same items', () => {
    const twelve = [
      HEADER_12,
      ',GC-2026,"Gestion de crise hospitalière",,1,"Non acquis,Acquis","[{""scaleid"":""1""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,1,"{""1"":""domain"",""2"":""competency""}"',
      'GC-1,GC-1.1,"Déclencher le plan blanc",,1,,,,0,,,',
      ',GC-1,"Conduite de crise",,1,,,,0,,,',
    ].join('\n');
    const result = parseMoodleFramework(twelve, { ...options, language: 'en' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.columns).toBe(12);
    expect(result.model.items.map((item) => [item.code, item.itemType, item.label])).toEqual([
      ['GC-1.1', 'competency', { en: 'Déclencher le plan blanc' }],
      ['GC-1', 'domain', { en: 'Conduite de crise' }],
    ]);
    expect(result.model.extras).toEqual({ moodle: expect.objectContaining({ taxonomies: ['domain', 'competency'], language: 'en' }) });
  });

  it('names the missing columns of a file that is not a Moodle framework', () => {
    const result = parseMoodleFramework('"Parent id number","Id number",Description\n,GC,x\n', options);
    expect(result).toMatchObject({ ok: false, status: 400 });
    if (result.ok) return;
    expect(result.errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['Shortname', 'Scale values', 'Is framework', 'Taxonomy']),
    );
    expect(result.errors.map((error) => error.field)).not.toContain('Cross referenced competency id numbers');
  });

  it('lists a duplicate id number, a dangling parent and a parent cycle with their lines', () => {
    const broken = [
      HEADER_14,
      ',GC-2026,Crise,,1,"Non,Oui","[{""scaleid"":""1""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,,,,,1,competency',
      ',GC-1,"Conduite de crise",,1,,,,0,null,,,,',
      ',GC-1,"Conduite de crise (bis)",,1,,,,0,null,,,,',
      'GC-9,GC-3,"Orphelin",,1,,,,0,null,,,,',
      'GC-5,GC-4,"Boucle A",,1,,,,0,null,,,,',
      'GC-4,GC-5,"Boucle B",,1,,,,0,null,,,,',
    ].join('\n');
    const result = parseMoodleFramework(broken, options);
    expect(result).toMatchObject({ ok: false, status: 422 });
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'Id number', reason: 'duplicate id number GC-1 (first on line 3)', line: 4 },
      { field: 'Parent id number', reason: 'no competency of the file has the id number GC-9', line: 5 },
      { field: 'Parent id number', reason: 'cycle in the tree: GC-4 → GC-5 → GC-4', line: 6 },
      { field: 'Parent id number', reason: 'cycle in the tree: GC-4 → GC-5 → GC-4', line: 7 },
    ]);
  });

  it('refuses a scale configuration that is not JSON or names a value the scale lacks', () => {
    const result = parseMoodleFramework(
      [
        HEADER_14,
        ',GC-2026,Crise,,1,"Non,Oui","[{""scaleid"":""1""},{""id"":3,""scaledefault"":1,""proficient"":1}]",,,,,,1,competency',
        ',GC-1,"Conduite de crise",,1,"Non,Oui","[{scaleid",,0,null,,,,',
      ].join('\n'),
      options,
    );
    expect(result).toMatchObject({ ok: false, status: 422 });
    if (result.ok) return;
    expect(result.errors).toEqual([
      { field: 'Scale configuration', reason: 'refers to value 3, but the scale has 2 values', line: 2 },
      { field: 'Scale configuration', reason: 'not valid JSON', line: 3 },
    ]);
  });

  it('refers an unreadable CSV back with the line of the problem', () => {
    const result = parseMoodleFramework(`${HEADER_14}\n,GC,"unterminated\n`, options);
    expect(result).toMatchObject({ ok: false, status: 400, errors: [{ field: 'file', line: 2 }] });
  });

  it('refuses a file without its framework row', () => {
    const result = parseMoodleFramework(`${HEADER_14}\n,GC-1,"Conduite de crise",,1,,,,0,null,,,,\n`, options);
    expect(result).toMatchObject({ ok: false, status: 422, errors: [{ field: 'Is framework' }] });
  });
});
