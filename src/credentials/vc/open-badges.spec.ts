import { buildClrCredential } from './clr.js';
import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { AWARDING_BODY_CONTEXT, buildAchievementCredential, checkOpenBadgeShape, hashedIdentity } from './open-badges.js';
import {
  PUBLIC_BASE_URL,
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

describe('Open Badges 3.0 builders', () => {
  let ensm: TestSchool;
  let ehesp: TestSchool;
  let learnerDid: string;
  let documentLoader: DocumentLoader;

  beforeAll(async () => {
    [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    learnerDid = (await newLearner()).did;
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
  });

  it('builds a certificate with the OB 3.0 shape, aligned to CASE items', () => {
    const certificate = newCrisisManagementCertificate({ school: ensm, learnerDid });
    expect(checkOpenBadgeShape(certificate)).toEqual([]);
    expect(certificate['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(certificate.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(certificate.issuer).toEqual({ id: ensm.did, type: ['Profile'], name: ensm.profile.name, url: ensm.profile.url });
    const achievement = (certificate.credentialSubject as JsonObject).achievement as JsonObject;
    expect((achievement.alignment as JsonObject[])[0]).toEqual({
      type: ['Alignment'],
      targetName: 'Activer et conduire une cellule de crise',
      targetUrl: `${PUBLIC_BASE_URL}/ims/case/v1p1/CFItems/0b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b`,
      targetCode: 'CRI-02',
      targetFramework: 'Management des établissements de santé 2026.1',
      targetType: 'CFItem',
    });
    expect(certificate).not.toHaveProperty('awardingBody');
  });

  it('names every awarding school of a co-accredited diploma in awardingBody, defined by an inline context', () => {
    const diploma = newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid });
    expect(checkOpenBadgeShape(diploma)).toEqual([]);
    expect(diploma['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      AWARDING_BODY_CONTEXT,
    ]);
    expect((diploma.issuer as JsonObject).id).toBe(ensm.did);
    expect((diploma.awardingBody as JsonObject[]).map((body) => body.id)).toEqual([ensm.did, ehesp.did]);
  });

  it('identifies a learner without a wallet by a salted hash', async () => {
    const identifier = hashedIdentity({ identityType: 'studentId', identity: '2026-ALG-0042', salt: 'q6Zb3kTn' });
    expect(identifier.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    const credential = newCrisisManagementCertificate({ school: ensm, learnerDid, subject: { identifier: [identifier] } });
    expect(checkOpenBadgeShape(credential)).toEqual([]);
    const signed = await issueCredential({ credential, signer: { keyPair: ensm.keyPair }, documentLoader });
    expect((await verifyCredential({ credential: signed, documentLoader, now: NOW })).verified).toBe(true);
  });

  it('lists what an Open Badge lacks', () => {
    const certificate = newCrisisManagementCertificate({ school: ensm, learnerDid });
    const subject = certificate.credentialSubject as JsonObject;
    const { criteria: _criteria, description: _description, ...achievement } = subject.achievement as JsonObject;
    const broken = { ...certificate, name: undefined, issuer: ensm.did, credentialSubject: { ...subject, id: undefined, achievement } };
    expect(checkOpenBadgeShape(broken)).toEqual([
      'name',
      'credentialSubject.id or credentialSubject.identifier',
      'credentialSubject.achievement.description',
      'credentialSubject.achievement.criteria (id or narrative)',
    ]);
    expect(checkOpenBadgeShape({ '@context': ['https://www.w3.org/ns/credentials/v2'] })).toEqual([
      '@context (Open Badges 3.0)',
      'id',
      'type (VerifiableCredential)',
      'type (OpenBadgeCredential)',
      'name',
      'validFrom',
      'issuer',
      'credentialSubject',
    ]);
  });

  it('names the missing parameter', () => {
    expect(() => buildAchievementCredential({ name: 'x' } as never)).toThrow('"id" is required.');
    expect(() =>
      buildAchievementCredential({
        id: 'urn:uuid:1',
        name: 'x',
        issuer: ensm.profile,
        subject: {},
        achievement: {} as never,
        validFrom: NOW,
      }),
    ).toThrow('"subject" needs an id or an identifier.');
    expect(() =>
      newCrisisManagementCertificate({
        school: ensm,
        learnerDid,
        achievement: { id: 'urn:a', name: 'A', description: 'B', criteria: {}, achievementType: 'Certificate' },
      }),
    ).toThrow('"achievement.criteria" needs a narrative or an id.');
  });
});

describe('CLR 2.0', () => {
  it('issues and verifies a partial record (`partial`, added to the CLR context in March 2025)', async () => {
    const ensm = await newEnsmAlger();
    const learnerDid = (await newLearner()).did;
    const documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument] });
    const module = await issueCredential({
      credential: newCrisisManagementCertificate({ school: ensm, learnerDid }),
      signer: { keyPair: ensm.keyPair },
      documentLoader,
    });
    const clr = buildClrCredential({
      id: 'urn:uuid:0d6f3f0e-2c1b-4b8e-9d55-6c1f0b8f1a10',
      name: 'Relevé de compétences (en cours)',
      issuer: ensm.profile,
      subject: { id: learnerDid },
      credentials: [module],
      validFrom: '2026-07-20T00:00:00Z',
      partial: true,
    });
    const signed = await issueCredential({ credential: clr, signer: { keyPair: ensm.keyPair }, documentLoader });
    expect(signed.partial).toBe(true);
    expect((await verifyCredential({ credential: signed, documentLoader, now: NOW })).errors).toEqual([]);
  });

  it('bundles signed module credentials in a ClrCredential that itself signs and verifies', async () => {
    const [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    const learnerDid = (await newLearner()).did;
    const documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
    const module = await issueCredential({
      credential: newCrisisManagementCertificate({ school: ensm, learnerDid }),
      signer: { keyPair: ensm.keyPair },
      documentLoader,
    });
    const clr = buildClrCredential({
      id: 'urn:uuid:5b2c8e1f-7a4d-4c3b-9e6f-1a2b3c4d5e6f',
      name: 'Relevé de compétences — Master Management des établissements de santé',
      issuer: ensm.profile,
      subject: { id: learnerDid },
      credentials: [module],
      achievements: [
        {
          id: `${PUBLIC_BASE_URL}/achievements/master-mes`,
          name: 'Master Management des établissements de santé',
          description: 'Programme de deux ans.',
          criteria: { narrative: '120 crédits.' },
          achievementType: 'MasterDegree',
        },
      ],
      associations: [
        {
          associationType: 'isChildOf',
          sourceId: `${PUBLIC_BASE_URL}/achievements/gestion-crises-sanitaires`,
          targetId: `${PUBLIC_BASE_URL}/achievements/master-mes`,
        },
      ],
      validFrom: '2026-07-20T00:00:00Z',
    });
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    const signed = await issueCredential({ credential: clr, signer: { keyPair: ensm.keyPair }, documentLoader });
    const report = await verifyCredential({ credential: signed, documentLoader, now: NOW });
    expect(report.errors).toEqual([]);
    const embedded = ((signed.credentialSubject as JsonObject).verifiableCredential as JsonObject[])[0];
    expect((await verifyCredential({ credential: embedded, documentLoader, now: NOW })).verified).toBe(true);
  });
});
