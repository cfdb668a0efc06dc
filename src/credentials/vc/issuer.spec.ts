import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { exportKeyPair, importKeyPair } from './keys.js';
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

describe('issueCredential', () => {
  let ensm: TestSchool;
  let ehesp: TestSchool;
  let learnerDid: string;
  let documentLoader: DocumentLoader;

  beforeAll(async () => {
    [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    learnerDid = (await newLearner()).did;
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
  });

  it('adds one eddsa-rdfc-2022 DataIntegrityProof for assertion, dated as asked', async () => {
    const credential = newCrisisManagementCertificate({ school: ensm, learnerDid });
    const signed = await issueCredential({ credential, signer: { keyPair: ensm.keyPair }, documentLoader, date: '2026-06-30T08:00:00Z' });
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      created: '2026-06-30T08:00:00Z',
      verificationMethod: ensm.keyPair.id,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    });
    expect(credential.proof).toBeUndefined();
  });

  it('gives the same bytes for the same inputs', async () => {
    const issue = (): Promise<JsonObject> =>
      issueCredential({
        credential: newCrisisManagementCertificate({ school: ensm, learnerDid }),
        signer: { keyPair: ensm.keyPair },
        documentLoader,
        date: '2026-06-30T08:00:00Z',
      });
    expect(JSON.stringify(await issue())).toBe(JSON.stringify(await issue()));
  });

  it('signs exactly as the stock library does, key by key', async () => {
    const credential = newCrisisManagementCertificate({ school: ensm, learnerDid });
    const date = '2026-06-30T08:00:00Z';
    for (const school of [ensm, ehesp]) {
      const stock = await vc.issue({
        credential: structuredClone(credential),
        suite: new DataIntegrityProof({ signer: school.keyPair.signer(), date, cryptosuite: eddsaRdfc2022 }),
        documentLoader,
        now: date,
      });
      expect(await issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date })).toEqual(stock);
    }
  });

  it('refuses a key pair without its secret key', async () => {
    const publicOnly = await importKeyPair(await exportKeyPair({ keyPair: ensm.keyPair }));
    const credential = newCrisisManagementCertificate({ school: ensm, learnerDid });
    await expect(issueCredential({ credential, signer: { keyPair: publicOnly }, documentLoader })).rejects.toThrow('secret key');
  });

  it('builds a proof set when a second school signs, in either order', async () => {
    const unsigned = newCoAccreditedDiploma({ lead: ensm, partner: ehesp, learnerDid });
    const sign = (credential: JsonObject, school: TestSchool): Promise<JsonObject> =>
      issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date: '2026-07-15T08:00:00Z' });
    const leadFirst = await sign(await sign(unsigned, ensm), ehesp);
    const partnerFirst = await sign(await sign(unsigned, ehesp), ensm);
    expect((leadFirst.proof as JsonObject[]).map((p) => p.verificationMethod)).toEqual([ensm.keyPair.id, ehesp.keyPair.id]);
    // Each proof signs the credential without the others, so the same school's proof is identical either way.
    expect((partnerFirst.proof as JsonObject[])[1]).toEqual((leadFirst.proof as JsonObject[])[0]);
    expect((await verifyCredential({ credential: partnerFirst, documentLoader, now: '2026-09-01T00:00:00Z' })).verified).toBe(true);
  });

  it('writes the verification method the caller names (e.g. a key held by a KMS behind a signer)', async () => {
    const signer = ensm.keyPair.signer();
    const fragmentId = `${ensm.did}#key-2026`;
    const signed = await issueCredential({
      credential: newCrisisManagementCertificate({ school: ensm, learnerDid }),
      signer: { signer, verificationMethod: fragmentId },
      documentLoader,
    });
    expect((signed.proof as JsonObject).verificationMethod).toBe(fragmentId);
  });

  it('refuses to sign a credential that uses a term no context defines', async () => {
    const credential = { ...newCrisisManagementCertificate({ school: ensm, learnerDid }), mention: 'Très bien' };
    await expect(issueCredential({ credential, signer: { keyPair: ensm.keyPair }, documentLoader })).rejects.toThrow(/Safe mode|property/i);
  });

  it('names the missing parameter', async () => {
    const credential = newCrisisManagementCertificate({ school: ensm, learnerDid });
    await expect(issueCredential({ credential, signer: { keyPair: ensm.keyPair } } as never)).rejects.toThrow(
      '"documentLoader" is required.',
    );
    await expect(issueCredential({ credential, documentLoader } as never)).rejects.toThrow('"signer" is required.');
    await expect(issueCredential({ credential, signer: {}, documentLoader })).rejects.toThrow(
      '"signer.keyPair" or "signer.signer" is required.',
    );
    await expect(issueCredential({ signer: { keyPair: ensm.keyPair }, documentLoader } as never)).rejects.toThrow(
      '"credential" is required.',
    );
  });
});
