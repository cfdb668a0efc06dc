import { parse } from 'csv-parse/sync';
import type { ImportedFramework } from '../imported-framework.js';
import { buildMoodleCsv, type MoodleExportInput } from './moodle-csv-builder.js';
import { parseMoodleFramework, type MoodleImportOptions } from './moodle-csv-parser.js';

const HEADER =
  '"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy';
const options: MoodleImportOptions = { ownerInstitutionId: '3f1e2b7a-0000-4000-8000-000000000001', version: '1', language: 'fr' };

/** A hospital pharmacy framework as Moodle writes it, with the cells a round trip must keep. */
const PHARMACY = [
  HEADER,
  ',PH-HOSP,"Pharmacie hospitalière","<p>Circuit du médicament</p>",1,"Notions,Pratique,Maîtrise","[{""scaleid"":""4""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":3,""scaledefault"":0,""proficient"":1}]",,,,,,1,"domain,competency,competency"',
  'PH-1,PH-1.2,"Gérer les stupéfiants","<p>Registre, coffre</p>",1,,,,0,null,"PH-2.1,X%2CY",12,,',
  ',PH-1,"Approvisionnement",,1,,,core_competency\\competency_rule_points,3,"{""base"":{""points"":2},""competencies"":[{""id"":12,""points"":2,""required"":1}]}",,10,,',
  'PH-1,PH-1.1,"-Réceptionner les commandes",,1,,,,0,null,,11,,',
  ',PH-2,"Pharmacovigilance",,1,,,,0,null,,20,,',
  'PH-2,PH-2.1,"@Déclarer un effet indésirable",,1,"Non,Oui","[{""scaleid"":""2""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,0,null,PH-1.2,21,,',
].join('\r\n');

function parsed(text: string): ImportedFramework {
  const result = parseMoodleFramework(text, options);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.model;
}

/** What the service would read back from the database after importing `model`. */
function stored(model: ImportedFramework): MoodleExportInput {
  const scaleIds = new Map(model.scales.map((scale, index) => [scale.code, `scale-${index}`]));
  const position = new Map<string | null, number>();
  return {
    framework: { identifier: model.identifier, title: model.title, description: model.description ?? null, extras: model.extras ?? null },
    scales: model.scales.map((scale) => ({ id: scaleIds.get(scale.code)!, levels: scale.levels })),
    items: model.items.map((item) => {
      const parent = item.parentIdentifier ?? null;
      position.set(parent, (position.get(parent) ?? -1) + 1);
      return {
        id: item.identifier,
        identifier: item.identifier,
        parentId: parent,
        position: position.get(parent)!,
        code: item.code ?? null,
        itemType: item.itemType,
        label: item.label,
        description: item.description ?? null,
        scaleId: item.scaleCode ? scaleIds.get(item.scaleCode)! : null,
        extras: item.extras ?? null,
      };
    }),
    associations: model.associations.map((a) => ({
      originId: a.originIdentifier,
      destinationItemId: a.destinationIdentifier ?? null,
      type: a.type,
    })),
    language: 'fr',
  };
}

const comparable = (model: ImportedFramework) => ({
  ...model,
  items: model.items.map(({ line: _line, ...item }) => item).sort((a, b) => a.identifier.localeCompare(b.identifier)),
  associations: model.associations.map(({ line: _line, ...association }) => association),
});

describe('buildMoodleCsv', () => {
  it('writes the header exactly as Moodle does, the framework row first and parents before children', () => {
    const { content, filename } = buildMoodleCsv(stored(parsed(PHARMACY)));
    const lines = content.split('\r\n');
    expect(lines[0]).toBe(HEADER);
    const rows = parse(content, { from_line: 2 }) as string[][];
    expect(rows.map((row) => [row[0], row[1], row[12]])).toEqual([
      ['', 'PH-HOSP', '1'],
      ['', 'PH-1', ''],
      ['PH-1', 'PH-1.2', ''],
      ['PH-1', 'PH-1.1', ''],
      ['', 'PH-2', ''],
      ['PH-2', 'PH-2.1', ''],
    ]);
    expect(filename).toBe('Pharmacie hospitalière-PH-HOSP.csv');
  });

  it('escapes cells a spreadsheet would run as formulas, and the importer restores them', () => {
    const { content } = buildMoodleCsv(stored(parsed(PHARMACY)));
    const rows = parse(content, { from_line: 2 }) as string[][];
    expect(rows.find((row) => row[1] === 'PH-1.1')![2]).toBe("'-Réceptionner les commandes");
    expect(rows.find((row) => row[1] === 'PH-2.1')![2]).toBe("'@Déclarer un effet indésirable");
    expect(parsed(content).items.find((item) => item.code === 'PH-2.1')!.label).toEqual({ fr: '@Déclarer un effet indésirable' });
  });

  it('loses nothing on a round trip: items, tree, scales, rules, related competencies, extras', () => {
    const first = parsed(PHARMACY);
    const second = parsed(buildMoodleCsv(stored(first)).content);
    expect(comparable(second)).toEqual(comparable(first));
    const third = buildMoodleCsv(stored(second)).content;
    expect(third).toBe(buildMoodleCsv(stored(first)).content);
  });

  it('gives a framework built here a scale configuration Moodle accepts and its item types as taxonomy', () => {
    const input: MoodleExportInput = {
      framework: {
        identifier: 'f0000000-0000-4000-8000-000000000000',
        title: { fr: 'Gestion de crise', en: 'Crisis management' },
        description: null,
        extras: null,
      },
      scales: [{ id: 's', levels: [1, 2, 3, 4].map((rank) => ({ rank, label: { fr: `Niveau ${rank}, détaillé` } })) }],
      items: [
        {
          id: 'd',
          identifier: 'd0000000-0000-4000-8000-000000000000',
          parentId: null,
          position: 0,
          code: 'GC',
          itemType: 'domain',
          label: { fr: 'Gestion de crise' },
          description: null,
          scaleId: null,
          extras: null,
        },
        {
          id: 'c',
          identifier: 'c0000000-0000-4000-8000-000000000000',
          parentId: 'd',
          position: 0,
          code: null,
          itemType: 'sub_competency',
          label: { en: 'Lead a crisis unit' },
          description: { fr: 'Animer' },
          scaleId: null,
          extras: null,
        },
      ],
      associations: [],
      language: 'fr',
    };
    const rows = parse(buildMoodleCsv(input).content, { from_line: 2 }) as string[][];
    expect(rows[0]).toEqual([
      '',
      'f0000000-0000-4000-8000-000000000000',
      'Gestion de crise',
      '',
      '2',
      'Niveau 1; détaillé,Niveau 2; détaillé,Niveau 3; détaillé,Niveau 4; détaillé',
      '[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},{"id":3,"scaledefault":0,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]',
      '',
      '',
      '',
      '',
      '',
      '1',
      'domain,competency',
    ]);
    expect(rows[2].slice(0, 5)).toEqual(['GC', 'c0000000-0000-4000-8000-000000000000', 'Lead a crisis unit', 'Animer', '2']);
  });
});
