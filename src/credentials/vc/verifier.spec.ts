import http from 'node:http';
import https from 'node:https';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { jest } from '@jest/globals';
import { buildDidWebDocument } from './dids.js';
import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { generateKeyPair } from './keys.js';
import {
  type TestSchool,
  newCoAccreditedDiploma,
  newCrisisManagementCertificate,
  newDocumentLoader,
  newEhespRennes,
  newEnsmAlger,
  newLearner,
  seedFor,
} from './vc-test-factory.js';
import { verifyCredential } from './verifier.js';

const NOW = '2026-09-01T10:00:00Z';
const proofsOf = (credential: JsonObject): JsonObject[] => [credential.proof].flat() as JsonObject[];
const codes = (report: { errors: { code: string }[] }): string[] => report.errors.map((e) => e.code);

describe('verifyCredential', () => {
  let ensm: TestSchool;
  let ehesp: TestSchool;
  let learnerDid: string;
  let documentLoader: DocumentLoader;
  let certificate: JsonObject;
  let diploma: JsonObject;

  const issueBy = (school: TestSchool, credential: JsonObject, date = '2026-06-30T08:00:00Z'): Promise<JsonObject> =>
    issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date });

  beforeAll(async () => {
    [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    learnerDid = (await newLearner()).did;
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
    certificate = await issueBy(ensm, newCrisisManagementCertificate({ school: ensm, learnerDid }));
    const signedByLead = await issueBy(ensm, newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid }), '2026-07-15T08:00:00Z');
    diploma = await issueBy(ehesp, signedByLead, '2026-07-16T08:00:00Z');
  });

  it('accepts an Open Badges 3.0 certificate signed by its school', async () => {
    const report = await verifyCredential({ credential: certificate, documentLoader, now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.verified).toBe(true);
    expect(report.issuer).toBe(ensm.did);
    expect(report.proofs).toEqual([
      {
        verificationMethod: ensm.keyPair.id,
        controller: ensm.did,
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2026-06-30T08:00:00Z',
        verified: true,
      },
    ]);
    expect(report.validity).toEqual({ valid: true, checkedAt: '2026-09-01T10:00:00.000Z', validFrom: '2026-06-30T00:00:00Z' });
  });

  it('accepts a co-accredited diploma carrying one proof per awarding school', async () => {
    expect(proofsOf(diploma)).toHaveLength(2);
    const report = await verifyCredential({ credential: diploma, documentLoader, now: NOW });
    expect(report.errors).toEqual([]);
    expect(report.proofs.map((p) => [p.controller, p.verified])).toEqual([
      [ensm.did, true],
      [ehesp.did, true],
    ]);
    expect(report.proofSet).toEqual({ verified: true });
    expect(report.requiredProofs).toEqual([
      { did: ensm.did, satisfied: true, via: 'proof' },
      { did: ehesp.did, satisfied: true, via: 'proof' },
    ]);
  });

  it.each([
    ['the partner school', 1, 'ehesp'],
    ['the lead school', 0, 'ensm'],
  ])('refuses a co-accredited diploma whose proof by %s was removed, naming the missing school', async (_who, removed, slug) => {
    const remaining = proofsOf(diploma).filter((_, index) => index !== removed);
    const report = await verifyCredential({ credential: { ...diploma, proof: remaining }, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs).toEqual([expect.objectContaining({ verified: true })]);
    // Without a proof of its own, a co-awarding school must have endorsed the diploma; the issuer must have signed it.
    expect(report.errors).toEqual([
      slug === 'ehesp'
        ? { code: 'ENDORSEMENT_MISSING', message: `no endorsement by ${ehesp.did}, an awarding body of this diploma` }
        : { code: 'MISSING_REQUIRED_PROOF', message: `no valid proof by ${ensm.did}, whose proof is required` },
    ]);
  });

  it('lets the caller say whose proofs are required', async () => {
    const leadOnly = { ...diploma, proof: proofsOf(diploma)[0] };
    expect((await verifyCredential({ credential: leadOnly, documentLoader, now: NOW, requiredProofs: [ensm.did] })).verified).toBe(true);
    const report = await verifyCredential({ credential: certificate, documentLoader, now: NOW, requiredProofs: [ensm.did, ehesp.did] });
    expect(codes(report)).toEqual(['MISSING_REQUIRED_PROOF']);
  });

  it('refuses a diploma whose second proof was altered, and reports the first one as fine', async () => {
    const [lead, partner] = proofsOf(diploma);
    const altered = { ...partner, proofValue: `${(partner.proofValue as string).slice(0, -4)}AAAA` };
    const report = await verifyCredential({ credential: { ...diploma, proof: [lead, altered] }, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs.map((p) => p.verified)).toEqual([true, false]);
    expect(report.proofs[1].error).toEqual(expect.objectContaining({ code: 'INVALID_SIGNATURE', proofIndex: 1 }));
    expect(report.proofSet).toEqual({ verified: false });
    expect(codes(report)).toEqual(['INVALID_SIGNATURE', 'MISSING_REQUIRED_PROOF']);
  });

  it('refuses what the stock library accepts: a proof set where only one proof verifies', async () => {
    const [lead, partner] = proofsOf(diploma);
    const forged = { ...diploma, proof: [lead, { ...partner, created: '2030-01-01T00:00:00Z' }] };
    // jsonld-signatures combines a proof set with `some`: one good proof is enough for the stock verifyCredential,
    // whose default purpose moreover rejects every co-awarding school's (valid) proof.
    const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    const stock = await vc.verifyCredential({ credential: forged, suite, documentLoader, now: NOW });
    expect(stock.verified).toBe(true);
    expect((await verifyCredential({ credential: forged, documentLoader, now: NOW })).verified).toBe(false);
  });

  it('refuses a certificate whose credentialSubject was changed after signing', async () => {
    const subject = certificate.credentialSubject as JsonObject;
    const tampered = {
      ...certificate,
      credentialSubject: { ...subject, result: [{ type: ['Result'], status: 'Completed', value: '19/20' }] },
    };
    const report = await verifyCredential({ credential: tampered, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs[0]).toEqual(expect.objectContaining({ verified: false, controller: ensm.did }));
    expect(codes(report)).toEqual(['INVALID_SIGNATURE', 'MISSING_REQUIRED_PROOF']);
  });

  it('refuses a certificate whose proofValue was changed', async () => {
    const proof = certificate.proof as JsonObject;
    const tampered = { ...certificate, proof: { ...proof, proofValue: `z${'1'.repeat(86)}` } };
    const report = await verifyCredential({ credential: tampered, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs[0].error?.code).toBe('INVALID_SIGNATURE');
  });

  it("names a key that is not a DID (as in 1EdTech's test vectors) as such, instead of calling it an unknown context", async () => {
    const httpsKey = `https://example.com/issuers/876543#${ensm.keyPair.publicKeyMultibase}`;
    const proof = { ...(certificate.proof as JsonObject), verificationMethod: httpsKey };
    const report = await verifyCredential({ credential: { ...certificate, proof }, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs[0].error).toEqual(
      expect.objectContaining({ code: 'UNSUPPORTED_VERIFICATION_METHOD', message: expect.stringContaining(httpsKey) }),
    );
  });

  it('says in a whole sentence that a signature does not match', async () => {
    const tampered = { ...certificate, name: 'Autre intitulé' };
    const { message } = (await verifyCredential({ credential: tampered, documentLoader, now: NOW })).proofs[0].error!;
    expect(message).toMatch(/\.$/);
  });

  it("refuses a proof made with a key that is not in the issuer's DID document", async () => {
    const rogueKey = await generateKeyPair({ controller: ensm.did, seed: seedFor('rogue') });
    const forged = await issueCredential({
      credential: newCrisisManagementCertificate({ school: ensm, learnerDid }),
      signer: { keyPair: rogueKey },
      documentLoader,
    });
    const report = await verifyCredential({ credential: forged, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(report.proofs[0].error).toEqual(expect.objectContaining({ code: 'KEY_NOT_IN_DID_DOCUMENT' }));
    expect(report.proofs[0].error?.message).toContain(rogueKey.id);
  });

  it('still accepts a certificate signed before a key rotation, and refuses it once its key is withdrawn', async () => {
    const newKey = await generateKeyPair({ controller: ensm.did, seed: seedFor('ensm-alger:2027') });
    const rotated = buildDidWebDocument({
      did: ensm.did,
      keys: [{ publicKeyMultibase: ensm.keyPair.publicKeyMultibase }, { publicKeyMultibase: newKey.publicKeyMultibase }],
    });
    const afterRotation = newDocumentLoader({ didDocuments: [rotated] });
    expect((await verifyCredential({ credential: certificate, documentLoader: afterRotation, now: NOW })).verified).toBe(true);
    const withdrawn = newDocumentLoader({
      didDocuments: [buildDidWebDocument({ did: ensm.did, keys: [{ publicKeyMultibase: newKey.publicKeyMultibase }] })],
    });
    const report = await verifyCredential({ credential: certificate, documentLoader: withdrawn, now: NOW });
    expect(report.proofs[0].error?.code).toBe('KEY_NOT_IN_DID_DOCUMENT');
  });

  it('refuses a certificate signed by another school than its issuer', async () => {
    const forged = await issueBy(ehesp, newCrisisManagementCertificate({ school: ensm, learnerDid }));
    const report = await verifyCredential({ credential: forged, documentLoader, now: NOW });
    expect(codes(report)).toEqual(['UNEXPECTED_SIGNER', 'MISSING_REQUIRED_PROOF']);
    expect(report.proofs[0].controller).toBe(ehesp.did);
  });

  it('refuses an unknown context without fetching it', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const httpsSpy = jest.spyOn(https, 'request');
    const httpSpy = jest.spyOn(http, 'request');
    try {
      const withForeignContext = {
        ...certificate,
        '@context': [...(certificate['@context'] as string[]), 'https://contexts.example.net/badges/v9.json'],
      };
      const report = await verifyCredential({ credential: withForeignContext, documentLoader, now: NOW });
      expect(report.verified).toBe(false);
      expect(report.errors).toEqual([
        { code: 'UNKNOWN_CONTEXT', message: 'unknown context, never fetched: https://contexts.example.net/badges/v9.json' },
      ]);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(httpsSpy).not.toHaveBeenCalled();
      expect(httpSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
      httpsSpy.mockRestore();
      httpSpy.mockRestore();
    }
  });

  it('refuses malformed JSON-LD (a term no context defines) with a clear reason instead of throwing', async () => {
    const withUndefinedTerm = { ...certificate, numeroEtudiant: '2026-ALG-0042' };
    const report = await verifyCredential({ credential: withUndefinedTerm, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(codes(report)).toEqual(['MALFORMED_JSON_LD']);
    expect(report.errors[0].message).toContain('numeroEtudiant');
  });

  it('refuses an expired certificate with a validity reason, its proof still being fine', async () => {
    const expiring = await issueBy(ensm, newCrisisManagementCertificate({ school: ensm, learnerDid, validUntil: '2026-08-31T23:59:59Z' }));
    const report = await verifyCredential({ credential: expiring, documentLoader, now: NOW });
    expect(report.proofs[0].verified).toBe(true);
    expect(report.validity).toEqual(expect.objectContaining({ valid: false, validUntil: '2026-08-31T23:59:59Z' }));
    expect(report.errors).toEqual([{ code: 'EXPIRED', message: 'expired at 2026-08-31T23:59:59Z (checked at 2026-09-01T10:00:00.000Z)' }]);
  });

  it('refuses a certificate that is not valid yet', async () => {
    const future = await issueBy(ensm, newCrisisManagementCertificate({ school: ensm, learnerDid, validFrom: '2026-10-01T00:00:00Z' }));
    const report = await verifyCredential({ credential: future, documentLoader, now: NOW });
    expect(codes(report)).toEqual(['NOT_YET_VALID']);
    expect(report.errors[0].message).toBe('not valid before 2026-10-01T00:00:00Z (checked at 2026-09-01T10:00:00.000Z)');
  });

  it.each([
    ['a string', 'not a credential', 'a credential must be a JSON object'],
    [
      'an object without @context (a problem document, say)',
      { type: 'about:blank#not_found', status: 404 },
      'a credential needs an "@context" (https://www.w3.org/ns/credentials/v2 first)',
    ],
    [
      'no issuer',
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], credentialSubject: { id: 'did:example:1' } },
      '"issuer" property is required.',
    ],
    ['a foreign first context', { '@context': ['https://example.org/ctx'], type: ['VerifiableCredential'] }, undefined],
  ])('reports %s as a malformed credential', async (_what, credential, message) => {
    const report = await verifyCredential({ credential, documentLoader, now: NOW });
    expect(report.verified).toBe(false);
    expect(codes(report)).toEqual(['MALFORMED_CREDENTIAL']);
    if (message) expect(report.errors[0].message).toBe(message);
  });

  it('reports a proof of a suite or purpose it does not support', async () => {
    const proof = certificate.proof as JsonObject;
    const legacy = { ...certificate, proof: { ...proof, type: 'Ed25519Signature2020', cryptosuite: undefined } };
    const forLogin = { ...certificate, proof: { ...proof, proofPurpose: 'authentication' } };
    // A suite whose terms no bundled context defines cannot even be read: refused before any proof is looked at.
    expect(codes(await verifyCredential({ credential: legacy, documentLoader, now: NOW }))).toEqual(['MALFORMED_JSON_LD']);
    const report = await verifyCredential({ credential: forLogin, documentLoader, now: NOW });
    expect(report.proofs[0].error?.code).toBe('UNSUPPORTED_PROOF');
  });

  it('reports a credential without any proof', async () => {
    const { proof: _proof, ...unsigned } = certificate;
    const report = await verifyCredential({ credential: unsigned, documentLoader, now: NOW });
    expect(codes(report)).toEqual(['NO_PROOF', 'MISSING_REQUIRED_PROOF']);
  });

  it('says so when a credential has a status but no status checker was given', async () => {
    const withStatus = await issueBy(
      ensm,
      newCrisisManagementCertificate({
        school: ensm,
        learnerDid,
        credentialStatus: {
          id: 'https://competences.example.org/status/1#42',
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '42',
          statusListCredential: 'https://competences.example.org/status/1',
        },
      }),
    );
    const report = await verifyCredential({ credential: withStatus, documentLoader, now: NOW });
    expect(report.verified).toBe(true);
    expect(report.status).toEqual(expect.objectContaining({ checked: false }));
    expect(report.warnings).toEqual(['credentialStatus was not checked: revocation is unknown']);
  });

  it('requires a document loader', async () => {
    await expect(verifyCredential({ credential: certificate } as never)).rejects.toThrow('"documentLoader" is required.');
  });
});
