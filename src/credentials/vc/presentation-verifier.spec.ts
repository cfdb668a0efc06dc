import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, buildPresentation, issueCredential, provePresentation } from './issuer.js';
import type { IssuerKeyPair } from './keys.js';
import { verifyPresentation } from './presentation-verifier.js';
import { type TestSchool, newCrisisManagementCertificate, newDocumentLoader, newEnsmAlger, newLearner } from './vc-test-factory.js';

const NOW = '2026-09-01T10:00:00Z';
const CHALLENGE = '7c1d6a6e-2f0b-4f0e-9a53-3f8f3c1b2d4e';

describe('verifyPresentation', () => {
  let ensm: TestSchool;
  let learner: { did: string; keyPair: IssuerKeyPair };
  let documentLoader: DocumentLoader;
  let certificate: JsonObject;

  const present = (holderKey = learner.keyPair, holder = learner.did): Promise<JsonObject> =>
    provePresentation({
      presentation: buildPresentation({ verifiableCredential: [certificate], holder }),
      signer: { keyPair: holderKey },
      documentLoader,
      challenge: CHALLENGE,
      domain: 'recrutement.chu-oran.example',
    });

  beforeAll(async () => {
    ensm = await newEnsmAlger();
    learner = await newLearner();
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument] });
    certificate = await issueCredential({
      credential: newCrisisManagementCertificate({ school: ensm, learnerDid: learner.did }),
      signer: { keyPair: ensm.keyPair },
      documentLoader,
    });
  });

  it('accepts a presentation signed by its holder for this challenge and domain', async () => {
    const report = await verifyPresentation({
      presentation: await present(),
      documentLoader,
      challenge: CHALLENGE,
      domain: 'recrutement.chu-oran.example',
      now: NOW,
    });
    expect(report.errors).toEqual([]);
    expect(report.holderProof).toEqual({ present: true, verified: true, verificationMethod: learner.keyPair.id, controller: learner.did });
    expect(report.credentials.map((c) => c.verified)).toEqual([true]);
  });

  it('refuses a replay against another challenge', async () => {
    const report = await verifyPresentation({ presentation: await present(), documentLoader, challenge: 'another-challenge', now: NOW });
    expect(report.verified).toBe(false);
    expect(report.holderProof.verified).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['CHALLENGE_MISMATCH']);
  });

  it('refuses a holder proof when no challenge is expected', async () => {
    const report = await verifyPresentation({ presentation: await present(), documentLoader, now: NOW });
    expect(report.errors.map((e) => e.code)).toEqual(['CHALLENGE_REQUIRED']);
  });

  it('refuses a presentation signed by someone else than its holder', async () => {
    const stranger = await newLearner('someone-else');
    const report = await verifyPresentation({
      presentation: await present(stranger.keyPair),
      documentLoader,
      challenge: CHALLENGE,
      now: NOW,
    });
    expect(report.errors.map((e) => e.code)).toEqual(['HOLDER_MISMATCH']);
  });

  it('accepts an unsigned presentation unless a holder proof is required', async () => {
    const presentation = buildPresentation({ verifiableCredential: [certificate] });
    expect((await verifyPresentation({ presentation, documentLoader, now: NOW })).verified).toBe(true);
    const strict = await verifyPresentation({ presentation, documentLoader, now: NOW, requireHolderProof: true });
    expect(strict.errors.map((e) => e.code)).toEqual(['HOLDER_PROOF_REQUIRED']);
  });

  it('reports a tampered credential inside the presentation', async () => {
    const tampered = { ...certificate, name: 'Certificat — Direction générale' };
    const report = await verifyPresentation({
      presentation: buildPresentation({ verifiableCredential: [tampered] }),
      documentLoader,
      now: NOW,
    });
    expect(report.verified).toBe(false);
    expect(report.errors[0]).toEqual(
      expect.objectContaining({ code: 'INVALID_SIGNATURE', message: expect.stringContaining('credential 0 (urn:uuid:') }),
    );
  });

  it('reports malformed presentations instead of throwing', async () => {
    expect((await verifyPresentation({ presentation: [], documentLoader })).errors.map((e) => e.code)).toEqual(['MALFORMED_PRESENTATION']);
    const notAPresentation = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] };
    expect((await verifyPresentation({ presentation: notAPresentation, documentLoader })).errors[0].message).toBe(
      '"type" must include "VerifiablePresentation".',
    );
  });
});
