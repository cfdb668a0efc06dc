import jsonld from 'jsonld';
import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { AWARDING_BODY_CONTEXT } from './open-badges.js';
import { checkSignedForm } from './signed-form.js';
import {
  type TestSchool,
  newCoAccreditedDiploma,
  newCrisisManagementCertificate,
  newDocumentLoader,
  newEhespRennes,
  newEnsmAlger,
  newLearner,
} from './vc-test-factory.js';
import { verifyCredential } from './verifier.js';

const NOW = '2026-09-01T10:00:00Z';
const CRED = 'https://www.w3.org/2018/credentials#';
const XSD_DATE_TIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
const LIST = 'https://competences.example.org/status-lists/5d0c2f7e-3b8a-4c61-9f2e-7a1b3c5d7e9f/revocation';
const codes = (report: { errors: { code: string }[] }): string[] => report.errors.map((e) => e.code);

describe('decisions are read from the one spelling of what was signed', () => {
  let ensm: TestSchool;
  let ehesp: TestSchool;
  let documentLoader: DocumentLoader;
  let revocable: JsonObject;
  let expiring: JsonObject;
  let diplomaSignedByLead: JsonObject;
  let diploma: JsonObject;
  const statusEntry = {
    id: `${LIST}#42`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '42',
    statusListCredential: LIST,
  };

  /** The same RDF as the original, so its proof still holds: a respelling, not a forgery. */
  const expectSameGraph = async (variant: JsonObject, original: JsonObject): Promise<void> => {
    const withoutProof = ({ proof: _proof, ...rest }: JsonObject): JsonObject => rest;
    const canonize = (document: JsonObject) =>
      jsonld.canonize(withoutProof(document), { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader });
    expect(await canonize(variant)).toBe(await canonize(original));
  };

  beforeAll(async () => {
    [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    const learnerDid = (await newLearner()).did;
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
    const sign = (credential: JsonObject, school: TestSchool) =>
      issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date: '2026-06-30T08:00:00Z' });
    revocable = await sign(newCrisisManagementCertificate({ school: ensm, learnerDid, credentialStatus: statusEntry }), ensm);
    expiring = await sign(newCrisisManagementCertificate({ school: ensm, learnerDid, validUntil: '2026-08-31T23:59:59Z' }), ensm);
    diplomaSignedByLead = await sign(newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid }), ensm);
    diploma = await sign(diplomaSignedByLead, ehesp);
  });

  it('accepts what we issue, as issued: certificates and co-accredited diplomas', async () => {
    for (const credential of [revocable, expiring, diploma]) {
      expect(await checkSignedForm(credential, { documentLoader, inlineContexts: [AWARDING_BODY_CONTEXT] })).toBeNull();
    }
    expect(codes(await verifyCredential({ credential: diploma, documentLoader, now: NOW }))).toEqual([]);
  });

  it('refuses a revocable certificate whose credentialStatus is written as its IRI, an alias or under @nest', async () => {
    const { credentialStatus, ...rest } = revocable;
    const variants: JsonObject[] = [
      { ...rest, [`${CRED}credentialStatus`]: credentialStatus },
      { ...rest, '@context': [...(revocable['@context'] as unknown[]), { statut: `${CRED}credentialStatus` }], statut: credentialStatus },
      { ...rest, '@context': [...(revocable['@context'] as unknown[]), { enveloppe: '@nest' }], enveloppe: { credentialStatus } },
    ];
    for (const variant of variants) {
      await expectSameGraph(variant, revocable);
      const report = await verifyCredential({ credential: variant, documentLoader, now: NOW });
      expect(report.verified).toBe(false);
      expect(codes(report)).toEqual([expect.stringMatching(/^NON_CANONICAL_FORM|MALFORMED_JSON_LD$/)]);
    }
  });

  it('refuses an expired certificate whose validUntil is written as its IRI with a typed value', async () => {
    const { validUntil, ...rest } = expiring;
    const variant = { ...rest, [`${CRED}validUntil`]: { '@value': validUntil, '@type': XSD_DATE_TIME } };
    await expectSameGraph(variant, expiring);
    expect(codes(await verifyCredential({ credential: variant, documentLoader, now: NOW }))).toEqual(['NON_CANONICAL_FORM']);
    expect(codes(await verifyCredential({ credential: expiring, documentLoader, now: NOW }))).toEqual(['EXPIRED']);
  });

  it("refuses a diploma with one school's proof whose second awarding body is written @id or renamed", async () => {
    const bodies = diplomaSignedByLead.awardingBody as JsonObject[];
    const atId = { ...diplomaSignedByLead, awardingBody: [bodies[0], (({ id, ...body }) => ({ '@id': id, ...body }))(bodies[1])] };
    const renamed = {
      ...Object.fromEntries(Object.entries(diplomaSignedByLead).filter(([key]) => key !== 'awardingBody')),
      '@context': [
        ...(diplomaSignedByLead['@context'] as unknown[]).slice(0, 2),
        { decernePar: { '@id': 'http://data.europa.eu/snb/model/elm/awardingBody', '@container': '@set' } },
      ],
      decernePar: bodies,
    };
    for (const variant of [atId, renamed]) {
      await expectSameGraph(variant, diplomaSignedByLead);
      const report = await verifyCredential({ credential: variant, documentLoader, now: NOW });
      expect(report.verified).toBe(false);
      expect(codes(report)).toEqual(['NON_CANONICAL_FORM']);
    }
    expect(codes(await verifyCredential({ credential: diplomaSignedByLead, documentLoader, now: NOW }))).toEqual(['ENDORSEMENT_MISSING']);
  });

  it('bounds what one credential may carry before any JSON-LD work: proofs, status entries, depth', async () => {
    const proof = diploma.proof as JsonObject[];
    const cases: [string, JsonObject][] = [
      ['1,500 copies of a proof', { ...diploma, proof: Array.from({ length: 1500 }, () => proof[0]) }],
      ['the same proof twice', { ...diploma, proof: [proof[0], proof[0]] }],
      [
        '3,000 status entries',
        {
          ...revocable,
          credentialStatus: Array.from({ length: 3000 }, (_, index) => ({
            ...statusEntry,
            id: `${LIST}#${index}`,
            statusListIndex: String(index),
          })),
        },
      ],
      [
        'two entries of one purpose',
        { ...revocable, credentialStatus: [statusEntry, { ...statusEntry, id: `${LIST}#43`, statusListIndex: '43' }] },
      ],
      ['a value nested 5,000 deep', { ...revocable, name: JSON.parse(`${'['.repeat(5000)}1${']'.repeat(5000)}`) }],
    ];
    for (const [what, credential] of cases) {
      const started = performance.now();
      const report = await verifyCredential({ credential, documentLoader, now: NOW });
      expect({ what, codes: codes(report) }).toEqual({ what, codes: ['LIMIT_EXCEEDED'] });
      expect(performance.now() - started).toBeLessThan(100);
    }
  });

  it('accepts only the inline contexts we issue, value for value', async () => {
    const edited = {
      ...diploma,
      '@context': [
        ...(diploma['@context'] as unknown[]).slice(0, 2),
        { awardingBody: { '@id': 'https://example.org/other', '@container': '@set' } },
      ],
    };
    expect(await checkSignedForm(edited, { documentLoader, inlineContexts: [AWARDING_BODY_CONTEXT] })).toEqual(
      expect.objectContaining({ code: 'NON_CANONICAL_FORM' }),
    );
  });
});
