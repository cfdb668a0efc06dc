// The patched jsonld (patches/jsonld+9.0.0.patch) against the stock release of the same version, installed side by
// side as `jsonld-reference`: a signature is only as good as the canonical form it covers, so both must give the same
// bytes for every document, and fail on the same documents. The credentials we issue, then a few thousand generated
// documents built from what the patch touches (type- and property-scoped contexts, @propagate, @protected, nested
// and null contexts), each processed twice by the patched library so that its cache paths are taken too.
import jsonldReference from 'jsonld-reference';
import jsonld from 'jsonld';
import { VC_V2_CONTEXT_URL } from './bundled-contexts.js';
import { buildClrCredential } from './clr.js';
import { createDocumentLoader } from './document-loader.js';
import { issueCredential, type JsonObject } from './issuer.js';
import { seededRandom } from '../../common/testing/seeded-random.js';
import { isJsonLdContextPatchApplied } from './jsonld-context-patch.js';
import { buildStatusEntry, buildStatusListCredential, createStatusList, encodeStatusList } from './status-list.js';
import { newCoAccreditedDiploma, newCrisisManagementCertificate, newEhespRennes, newEnsmAlger, newLearner } from './vc-test-factory.js';

type JsonLd = typeof jsonld;
const documentLoader = createDocumentLoader();

/** What a processor makes of a document: the canonical N-Quads as the cryptosuite computes them, or the error code. */
async function canonicalForm(processor: JsonLd, document: JsonObject): Promise<string> {
  try {
    return await processor.canonize(structuredClone(document), {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      base: null,
      safe: true,
      rdfDirection: 'i18n-datatype',
      documentLoader,
    });
  } catch (error) {
    return `error: ${errorCode(error)}`;
  }
}

/** The expanded form without safe mode, so that what safe mode would refuse is compared too. */
async function expandedForm(processor: JsonLd, document: JsonObject): Promise<string> {
  try {
    return JSON.stringify(await processor.expand(structuredClone(document), { documentLoader }));
  } catch (error) {
    return `error: ${errorCode(error)}`;
  }
}

function errorCode(error: unknown): string {
  const details = (error as { details?: { code?: string; event?: { code?: string } } }).details;
  return details?.code ?? details?.event?.code ?? (error as Error).name ?? String(error);
}

async function expectSameProcessing(document: JsonObject): Promise<string> {
  const expected = await canonicalForm(jsonldReference, document);
  const expectedExpansion = await expandedForm(jsonldReference, document);
  for (let pass = 0; pass < 2; pass += 1) {
    expect(await canonicalForm(jsonld, document)).toBe(expected);
    expect(await expandedForm(jsonld, document)).toBe(expectedExpansion);
  }
  return expected;
}

describe('the patched jsonld', () => {
  it('is the one installed', () => {
    expect(isJsonLdContextPatchApplied()).toBe(true);
  });

  it('gives the stock canonical form of every credential we issue', async () => {
    const [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    const learnerDid = (await newLearner()).did;
    const loader = createDocumentLoader({ resolveDidWeb: async (did) => [ensm.didDocument, ehesp.didDocument].find((d) => d.id === did)! });
    const sign = (credential: JsonObject, school = ensm) =>
      issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader: loader, date: '2026-07-01T00:00:00Z' });
    const listUrl = 'https://competences.example.org/status-lists/1/revocation';
    const certificate = await sign(
      newCrisisManagementCertificate({
        school: ensm,
        learnerDid,
        credentialStatus: [
          buildStatusEntry({ statusListCredential: listUrl, statusListIndex: 40_961, statusPurpose: 'revocation' }),
          buildStatusEntry({
            statusListCredential: listUrl.replace('revocation', 'suspension'),
            statusListIndex: 40_961,
            statusPurpose: 'suspension',
          }),
        ],
      }),
    );
    const diploma = await sign(await sign(newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid })), ehesp);
    const transcript = buildClrCredential({
      id: 'urn:uuid:8a0e4c9d-3b21-4f5e-9c7a-1d2b3c4d5e6f',
      name: 'Relevé de notes',
      issuer: ensm.profile,
      subject: { id: learnerDid },
      credentials: [certificate, diploma],
      validFrom: '2026-07-20T00:00:00Z',
    });
    const statusList = buildStatusListCredential({
      id: listUrl,
      issuer: ensm.did,
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(createStatusList()),
    });
    const documents = [certificate, diploma, transcript, statusList, ensm.didDocument as unknown as JsonObject];
    for (const document of documents) {
      const { proof, ...unsigned } = document as JsonObject & { proof?: unknown };
      expect(await expectSameProcessing(unsigned)).toMatch(/^<|^_:/);
      // The proof configuration is canonicalised on its own, with the document's contexts.
      for (const one of [proof ?? []].flat() as JsonObject[]) {
        const { proofValue: _value, ...configuration } = one;
        await expectSameProcessing({ '@context': document['@context'], ...configuration });
      }
    }
  });

  it('gives the stock result, or the stock error, on generated documents with scoped contexts', async () => {
    const random = seededRandom(20261123);
    const outcomes = { canonical: 0, expandedOnly: 0, refused: 0 };
    for (let n = 0; n < 600; n += 1) {
      const document = generatedDocument(random);
      const canonical = await expectSameProcessing(document);
      if (!canonical.startsWith('error')) outcomes.canonical += 1;
      else if (!(await expandedForm(jsonld, document)).startsWith('error')) outcomes.expandedOnly += 1;
      else outcomes.refused += 1;
    }
    // Every kind of outcome is compared: signed (canonical form), refused in safe mode only, refused outright.
    expect(outcomes.canonical).toBeGreaterThan(60);
    expect(outcomes.expandedOnly).toBeGreaterThan(120);
    expect(outcomes.refused).toBeGreaterThan(60);
  });
});

// ---- A generator of JSON-LD documents around scoped contexts ----------------------------------------------------

type Random = () => number;

const PROPERTIES = ['title', 'part', 'level', 'tag', 'evidence', 'alignment'];
const TYPES = ['Module', 'Competency', 'Assessment', 'Profile'];
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];
const vocabulary = (random: Random): string => `https://vocab.example/${pick(random, ['a', 'b', 'c'])}#`;

function generatedContext(random: Random, depth: number): JsonObject {
  const context: JsonObject = { '@version': 1.1 };
  if (random() < 0.12) context['@protected'] = true;
  if (random() < (depth === 0 ? 0.8 : 0.3)) context['@vocab'] = vocabulary(random);
  if (random() < 0.2) context['@language'] = pick(random, ['fr', 'ar', 'en']);
  if (depth > 0 && random() < 0.3) context['@propagate'] = random() < 0.5;
  for (const property of PROPERTIES) {
    if (random() < 0.4) continue;
    if (random() < 0.1) {
      context[property] = null;
      continue;
    }
    const definition: JsonObject = { '@id': `${vocabulary(random)}${property}` };
    const type = pick(random, [undefined, '@id', '@vocab', 'http://www.w3.org/2001/XMLSchema#integer']);
    if (type) definition['@type'] = type;
    const container = pick(random, [undefined, undefined, undefined, '@set', '@list', '@language']);
    if (container) definition['@container'] = container;
    if (random() < 0.08) definition['@protected'] = random() < 0.5;
    if (depth < 2 && random() < 0.3) definition['@context'] = random() < 0.1 ? null : generatedContext(random, depth + 1);
    context[property] = definition;
  }
  for (const type of TYPES) {
    if (random() < 0.3) continue;
    context[type] =
      depth < 2 && random() < 0.7
        ? { '@id': `${vocabulary(random)}${type}`, '@context': generatedContext(random, depth + 1) }
        : `${vocabulary(random)}${type}`;
  }
  return context;
}

function generatedValue(random: Random, depth: number): unknown {
  if (depth < 3 && random() < 0.45)
    return random() < 0.3 ? [generatedNode(random, depth + 1), generatedNode(random, depth + 1)] : generatedNode(random, depth + 1);
  return pick(random, [
    'Gestion des crises',
    'إدارة الأزمات',
    3,
    true,
    'https://competences.example.org/items/1',
    'Module',
    { '@value': 'pilotage', '@language': 'fr' },
    { fr: 'pilotage', ar: 'القيادة' },
    ['a', 'b'],
  ]);
}

function generatedNode(random: Random, depth: number): JsonObject {
  const node: JsonObject = {};
  if (random() < 0.15) node['@context'] = random() < 0.2 ? null : generatedContext(random, 1);
  if (random() < 0.4) node['@id'] = `urn:example:${Math.floor(random() * 50)}`;
  if (random() < 0.75) node['@type'] = random() < 0.6 ? pick(random, TYPES) : [pick(random, TYPES), pick(random, TYPES)];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i += 1) node[pick(random, PROPERTIES)] = generatedValue(random, depth);
  return node;
}

function generatedDocument(random: Random): JsonObject {
  const contexts =
    random() < 0.3
      ? [VC_V2_CONTEXT_URL, generatedContext(random, 0)]
      : random() < 0.3
        ? [generatedContext(random, 0), generatedContext(random, 0)]
        : generatedContext(random, 0);
  return { '@context': contexts, ...generatedNode(random, 0) };
}
