// The normative issuer and verifier behaviours the W3C test suites check (vc-data-model-2.0-test-suite,
// vc-di-eddsa-test-suite, vc-bitstring-status-list-test-suite), run offline through real HTTP, on a service configured
// as README.md says for a suite run (ACCEPT_EXAMPLES_CONTEXT, the outside issuer in TRUSTED_ISSUER_DIDS). Each
// expectation is the suite's, except where a test says the service departs from it on purpose, and why.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createDocumentLoader } from '../src/credentials/vc/document-loader.js';
import { buildPresentation, issueCredential, provePresentation } from '../src/credentials/vc/issuer.js';
import { generateDidKeyPair, type IssuerKeyPair } from '../src/credentials/vc/keys.js';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { decode as decodeBase58, encode as base58Encode } from 'base58-universal';

const bearer = { type: 'bearer' as const };
type Json = Record<string, any>;
type Response = { status: number; body: any };

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
// The suites add this context to many of their inputs; they define it as a single @vocab.
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const OPEN_BADGES_V3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const VOCAB = 'https://competences.test/vocab#';
const TRAINING_TERMS = { CrisisManagementTrainingAttestation: `${VOCAB}CrisisManagementTrainingAttestation` };

// XML Schema 1.1 dateTimeStamp, as VC Data Model 2.0 §4.8.1 spells it out (the time zone is mandatory).
const DATE_TIME_STAMP =
  /^-?(?:[1-9]\d{3,}|0\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;
const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE64URL_NO_PAD = /^[A-Za-z0-9_-]+$/;
const MIN_STATUS_LIST_ENTRIES = 131_072;

function base58Decode(text: string): Uint8Array {
  const bytes = decodeBase58(text);
  if (!bytes) throw new Error(`"${text}" is not base58btc`);
  return bytes;
}

const seed = (label: string): Uint8Array => createHash('sha256').update(label).digest();
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isUrl = (value: unknown): boolean => typeof value === 'string' && URL.canParse(value) && !/\s/.test(value);

/** The suites accept 400 or 422 for refused input; this service's contract is 400 with the fields at fault. */
function expectRefused(response: Response): void {
  expectStatus(response, 400);
  expect(response.body.errors?.length).toBeGreaterThan(0);
}

/** A verifier answers 400 with `verified: false` and at least one error, as the VC-API and the suites expect. */
function expectNotVerified(response: Response): void {
  expectStatus(response, 400);
  expect(response.body.verified).toBe(false);
  expect(response.body.errors?.length).toBeGreaterThan(0);
}

describe('W3C conformance, offline (VC Data Model 2.0, eddsa-rdfc-2022, Bitstring Status List)', () => {
  let ctx: TestApp;
  let ensm: { id: string; slug: string };
  let registrar: Person;
  let nadiaKey: IssuerKeyPair;
  let outsiderKey: IssuerKeyPair;
  let schoolDid: string;
  let attestationVc: Json;
  const loader = createDocumentLoader();

  /** Nadia Benkhelifa's crisis-management training attestation from ENSM Alger, unsecured, as a client sends it. */
  const attestation = (overrides: Json = {}): Json => ({
    '@context': [VC_V2],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential'],
    name: 'Attestation de formation — Gestion des crises hospitalières',
    description: 'Module GC-SSE (35 h) suivi à l’ENSM Alger en mars 2026 : plan blanc, cellule de crise, retour d’expérience.',
    credentialSubject: { id: nadiaKey.controller, name: 'Nadia Benkhelifa' },
    validFrom: '2026-03-13T16:00:00Z',
    ...overrides,
  });

  const issue = (credential: unknown) =>
    ctx.http.post(`/issuers/${ensm.slug}/credentials/issue`).auth(registrar.token, bearer).send({ credential });
  const issued = async (credential: unknown): Promise<Json> => {
    const response = await issue(credential);
    expectStatus(response, 201);
    return response.body.verifiableCredential;
  };
  const verify = (verifiableCredential: unknown, options: Json = { checks: ['proof'] }) =>
    ctx.http.post('/credentials/verify').send({ verifiableCredential, options });
  const verifyPresentation = (verifiablePresentation: unknown, options: Json = {}) =>
    ctx.http.post('/presentations/verify').send({ verifiablePresentation, options });
  const changeStatus = (body: Json) => ctx.http.post(`/issuers/${ensm.slug}/credentials/status`).auth(registrar.token, bearer).send(body);
  /** Our status list URLs carry PUBLIC_BASE_URL (https://competences.test here): fetch their path from the app. */
  const fetchList = async (url: string): Promise<Json> => {
    const response = await ctx.http.get(new URL(url).pathname);
    expectStatus(response, 200);
    return response.body;
  };
  /** The DID document of an issuer: our schools' did:web documents, or a did:key expanded locally. */
  const resolveDid = async (did: string): Promise<Json> => {
    if (did.startsWith('did:key:')) {
      const key = did.slice('did:key:'.length);
      const id = `${did}#${key}`;
      return { id: did, verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: key }], assertionMethod: [id] };
    }
    const slug = /^did:web:competences\.test:issuers:([^:]+)$/.exec(did)?.[1];
    if (!slug) throw new Error(`${did} cannot be resolved offline`);
    const response = await ctx.http.get(`/issuers/${slug}/did.json`);
    expectStatus(response, 200);
    return response.body;
  };

  beforeAll(async () => {
    outsiderKey = await generateDidKeyPair({ seed: seed('issuer:chu-oran-training-office') });
    ctx = await startTestApp({ ACCEPT_EXAMPLES_CONTEXT: 'true', VC_API_ISSUANCE: 'true', TRUSTED_ISSUER_DIDS: outsiderKey.controller });
    const factory = new Factory(ctx);
    ensm = await factory.newInstitution({
      slug: 'ensm-alger',
      name: { fr: 'École nationale supérieure de management des établissements de santé', ar: 'المدرسة الوطنية العليا للمناجمنت' },
    });
    registrar = await factory.newUser('registrar', ensm.id);
    nadiaKey = await generateDidKeyPair({ seed: seed('learner:nadia-benkhelifa') });
    attestationVc = await issued(attestation());
    schoolDid = attestationVc.issuer as string;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  describe('contexts (VCDM 2.0 §4.3; 4.03-contexts.js)', () => {
    it('keeps @context an ordered array whose first item is the VC 2.0 context', async () => {
      expect(Array.isArray(attestationVc['@context'])).toBe(true);
      expect(attestationVc['@context'][0]).toBe(VC_V2);
    });

    it('refuses a credential without @context', async () => {
      const { '@context': _context, ...withoutContext } = attestation();
      expectRefused(await issue(withoutContext));
    });

    it('refuses a credential whose first context is not the VC 2.0 context', async () => {
      expectRefused(await issue(attestation({ '@context': [OPEN_BADGES_V3] })));
      expectRefused(await issue(attestation({ '@context': [OPEN_BADGES_V3, VC_V2] })));
    });

    it('accepts a further context given as a URL it bundles (Open Badges 3.0)', async () => {
      const vc = await issued(attestation({ '@context': [VC_V2, OPEN_BADGES_V3] }));
      expect(vc['@context']).toEqual([VC_V2, OPEN_BADGES_V3]);
    });

    it('accepts the examples context the suites add to their inputs (credential-context-combo1-ok)', async () => {
      const vc = await issued(attestation({ '@context': [VC_V2, EXAMPLES_V2] }));
      expect(vc['@context']).toEqual([VC_V2, EXAMPLES_V2]);
    });

    it('accepts a further context given as an object that defines an extra type', async () => {
      await issued(
        attestation({ '@context': [VC_V2, TRAINING_TERMS], type: ['VerifiableCredential', 'CrisisManagementTrainingAttestation'] }),
      );
    });

    it('refuses a further context that is not a URL, or is a number', async () => {
      expectRefused(await issue(attestation({ '@context': [VC_V2, 'https ://ensm-alger.example/contexts/formation/v1'] })));
      expectRefused(await issue(attestation({ '@context': [VC_V2, 20260313] })));
    });

    it('refuses a claim whose term no context defines', async () => {
      expectRefused(await issue(attestation({ credentialSubject: { id: nadiaKey.controller, trainingHours: 35 } })));
    });
  });

  describe('identifiers (VCDM 2.0 §4.4; 4.04-identifiers.js)', () => {
    it('keeps a credential id given as a single URL', async () => {
      const urn = `urn:uuid:${randomUUID()}`;
      expect((await issued(attestation({ id: urn }))).id).toBe(urn);
      const https = `https://ensm-alger.example/attestations/gc-sse-2026-${randomBytes(3).toString('hex')}`;
      expect((await issued(attestation({ id: https }))).id).toBe(https);
    });

    it('refuses a null credential id', async () => {
      expectRefused(await issue(attestation({ id: null })));
    });

    it('refuses several credential ids', async () => {
      expectRefused(
        await issue(attestation({ id: ['https://ensm-alger.example/attestations/1', 'https://ensm-alger.example/attestations/2'] })),
      );
    });

    it('refuses a credential id that is not a URL', async () => {
      expectRefused(await issue(attestation({ id: 'https ://ensm-alger.example/attestations/gc-sse-2026' })));
      expectRefused(await issue(attestation({ id: 'attestation GC-SSE 2026' })));
    });

    it('accepts a subject identified by a DID and refuses a subject with several ids', async () => {
      expect((await issued(attestation())).credentialSubject.id).toBe(nadiaKey.controller);
      expectRefused(
        await issue(attestation({ credentialSubject: { id: [nadiaKey.controller, outsiderKey.controller], name: 'Nadia Benkhelifa' } })),
      );
    });
  });

  describe('types (VCDM 2.0 §4.5; 4.05-types.js)', () => {
    it('refuses a credential without type', async () => {
      const { type: _type, ...untyped } = attestation();
      expectRefused(await issue(untyped));
    });

    it('refuses a credential whose types lack VerifiableCredential', async () => {
      expectRefused(await issue(attestation({ '@context': [VC_V2, TRAINING_TERMS], type: ['CrisisManagementTrainingAttestation'] })));
    });

    it('accepts an extra type written as an absolute URL', async () => {
      await issued(attestation({ type: ['VerifiableCredential', `${VOCAB}CrisisManagementTrainingAttestation`] }));
    });

    it('accepts an extra type that a context maps to a URL', async () => {
      const vc = await issued(
        attestation({ '@context': [VC_V2, TRAINING_TERMS], type: ['VerifiableCredential', 'CrisisManagementTrainingAttestation'] }),
      );
      expect(vc.type).toEqual(['VerifiableCredential', 'CrisisManagementTrainingAttestation']);
    });

    it('refuses an extra type that a context maps to something that is not a URL', async () => {
      const badTerms = { CrisisManagementTrainingAttestation: 'https ://competences.test/vocab#CrisisManagementTrainingAttestation' };
      expectRefused(
        await issue(attestation({ '@context': [VC_V2, badTerms], type: ['VerifiableCredential', 'CrisisManagementTrainingAttestation'] })),
      );
    });

    it('refuses an extra type that no context maps', async () => {
      expectRefused(await issue(attestation({ type: ['VerifiableCredential', 'CrisisManagementTrainingAttestation'] })));
      expectRefused(
        await issue(
          attestation({ '@context': [VC_V2, { '@vocab': null }], type: ['VerifiableCredential', 'CrisisManagementTrainingAttestation'] }),
        ),
      );
    });

    it('accepts type values in any order', async () => {
      const first = `${VOCAB}TrainingAttestation`;
      const second = `${VOCAB}CrisisManagementTrainingAttestation`;
      await issued(attestation({ type: [first, second, 'VerifiableCredential'] }));
      await issued(attestation({ type: [second, 'VerifiableCredential', first] }));
    });

    it('accepts termsOfUse and evidence objects that have a type, and refuses them without one', async () => {
      const terms = {
        ...TRAINING_TERMS,
        InstitutionalUsePolicy: `${VOCAB}InstitutionalUsePolicy`,
        SupervisedSimulation: `${VOCAB}SupervisedSimulation`,
      };
      await issued(attestation({ '@context': [VC_V2, terms], termsOfUse: { type: 'InstitutionalUsePolicy' } }));
      await issued(attestation({ '@context': [VC_V2, terms], evidence: { type: 'SupervisedSimulation' } }));
      expectRefused(await issue(attestation({ termsOfUse: {} })));
      expectRefused(await issue(attestation({ evidence: {} })));
    });

    it('refuses a refreshService object without a type', async () => {
      expectRefused(await issue(attestation({ refreshService: { id: 'https://ensm-alger.example/refresh/gc-sse' } })));
    });

    it('refuses a credentialSchema object without a type', async () => {
      expectRefused(await issue(attestation({ credentialSchema: { id: 'https://ensm-alger.example/schemas/attestation.json' } })));
    });

    it('refuses a caller-supplied credentialStatus of a type it cannot maintain: the issuer allocates its own entries', async () => {
      // Departs from credential-status-ok on purpose: a status this service does not manage could never be revoked
      // through it, and its own verifier fails closed on status types it does not know. A BitstringStatusListEntry
      // is replaced by one of ours (see 'VC-API details' below).
      const terms = { HospitalRegistryStatus: `${VOCAB}HospitalRegistryStatus` };
      for (const credentialStatus of [
        { id: 'https://ensm-alger.example/status/gc-sse#42', type: 'HospitalRegistryStatus' },
        { type: 'HospitalRegistryStatus' },
      ]) {
        const refused = await issue(attestation({ '@context': [VC_V2, terms], credentialStatus }));
        expectRefused(refused);
        expect(refused.body.errors).toEqual([{ field: 'credential.credentialStatus', reason: expect.stringContaining('allocates') }]);
      }
    });
  });

  describe('credentialStatus objects (VCDM 2.0 §4.10; 4.10-status.js)', () => {
    it('refuses a credentialStatus without type, with a non-URL type, with several ids or a non-URL id', async () => {
      const terms = { HospitalRegistryStatus: `${VOCAB}HospitalRegistryStatus` };
      expectRefused(await issue(attestation({ credentialStatus: { id: 'https://ensm-alger.example/status/gc-sse#42' } })));
      expectRefused(
        await issue(
          attestation({ '@context': [VC_V2, terms], credentialStatus: { id: 'https://ensm-alger.example/status/gc-sse#42', type: 7 } }),
        ),
      );
      expectRefused(
        await issue(
          attestation({
            '@context': [VC_V2, terms],
            credentialStatus: {
              id: ['https://ensm-alger.example/status/1', 'https://ensm-alger.example/status/2'],
              type: 'HospitalRegistryStatus',
            },
          }),
        ),
      );
      expectRefused(
        await issue(
          attestation({
            '@context': [VC_V2, terms],
            credentialStatus: { id: 'https ://ensm-alger.example/status/42', type: 'HospitalRegistryStatus' },
          }),
        ),
      );
    });
  });

  describe('data schemas (VCDM 2.0 §5.4; 4.11-data-schemas.js)', () => {
    const schema = 'https://ensm-alger.example/schemas/attestation-formation.json';

    it('accepts a credentialSchema with a URL id and a type, alone or several', async () => {
      await issued(attestation({ credentialSchema: { id: schema, type: 'JsonSchema' } }));
      await issued(
        attestation({
          credentialSchema: [
            { id: schema, type: 'JsonSchema' },
            { id: `${schema}?v=2026.1`, type: 'JsonSchema' },
          ],
        }),
      );
    });

    it('refuses a credentialSchema without id, or whose id is not a URL', async () => {
      expectRefused(await issue(attestation({ credentialSchema: { id: 2026, type: 'JsonSchema' } })));
      expectRefused(await issue(attestation({ credentialSchema: { type: 'JsonSchema' } })));
    });
  });

  describe('names and descriptions (VCDM 2.0 §4.6, §11.1; 4.06-names-and-descriptions.js)', () => {
    const multilingualName = [
      { '@value': 'Attestation de formation — Gestion des crises hospitalières', '@language': 'fr' },
      { '@value': 'شهادة تكوين في تسيير الأزمات الاستشفائية', '@language': 'ar', '@direction': 'rtl' },
      { '@value': 'Training attestation — hospital crisis management', '@language': 'en' },
    ];

    it('accepts name and description as plain strings, or left out', async () => {
      await issued(attestation());
      const { name: _name, description: _description, ...bare } = attestation();
      await issued(bare);
    });

    it('accepts name and description as language value objects, with a base direction, in several languages', async () => {
      await issued(
        attestation({ name: multilingualName[0], description: { '@value': 'Plan blanc et cellule de crise', '@language': 'fr' } }),
      );
      await issued(
        attestation({
          name: multilingualName[1],
          description: { '@value': 'المخطط الأبيض وخلية الأزمة', '@language': 'ar', '@direction': 'rtl' },
        }),
      );
      await issued(attestation({ name: multilingualName, description: multilingualName }));
    });

    it('refuses a language value object with an extra property', async () => {
      expectRefused(await issue(attestation({ name: { ...multilingualName[0], url: 'https://ensm-alger.example/formations/gc-sse' } })));
      expectRefused(
        await issue(
          attestation({ description: { '@value': 'Plan blanc', '@language': 'fr', url: 'https://ensm-alger.example/formations/gc-sse' } }),
        ),
      );
    });

    it('accepts the issuer’s name and description as strings or language value objects, and refuses extra properties', async () => {
      await issued(attestation({ issuer: { id: schoolDid, name: 'ENSM Alger', description: 'École nationale supérieure de management' } }));
      await issued(
        attestation({
          issuer: {
            id: schoolDid,
            name: multilingualName.slice(0, 2),
            description: { '@value': 'المدرسة الوطنية العليا للمناجمنت', '@language': 'ar', '@direction': 'rtl' },
          },
        }),
      );
      expectRefused(
        await issue(
          attestation({
            issuer: { id: schoolDid, name: { '@value': 'ENSM Alger', '@language': 'fr', url: 'https://ensm-alger.example' } },
          }),
        ),
      );
      expectRefused(
        await issue(
          attestation({
            issuer: { id: schoolDid, description: { '@value': 'École', '@language': 'fr', url: 'https://ensm-alger.example' } },
          }),
        ),
      );
    });
  });

  describe('issuer (VCDM 2.0 §4.7; 4.07-issuer.js)', () => {
    it('issues with an issuer that is a URL, its own DID', async () => {
      expect(isUrl(schoolDid)).toBe(true);
      expect(schoolDid).toMatch(/^did:/);
    });

    it('accepts the issuer as an object whose id is a URL', async () => {
      const vc = await issued(attestation({ issuer: { id: schoolDid, name: 'ENSM Alger' } }));
      expect(vc.issuer).toEqual({ id: schoolDid, name: 'ENSM Alger' });
    });

    it('refuses an issuer that is not a URL', async () => {
      expectRefused(await issue(attestation({ issuer: 'ensm-alger' })));
      expectRefused(await issue(attestation({ issuer: '//ensm-alger.example/issuers/ensm' })));
      expectRefused(await issue(attestation({ issuer: { id: 'ensm-alger' } })));
    });

    it('refuses an issuer object whose id is null', async () => {
      expectRefused(await issue(attestation({ issuer: { id: null } })));
    });

    it('refuses a null issuer (credential-issuer-null-fail)', async () => {
      expectRefused(await issue(attestation({ issuer: null })));
    });

    it('refuses a credential whose issuer names another DID, naming its own', async () => {
      // Departs from credential-id-other-ok and credential-issuer-object-ok on purpose: signed with this school's key
      // under another DID, the credential could never verify.
      for (const issuer of [outsiderKey.controller, { id: outsiderKey.controller }]) {
        const refused = await issue(attestation({ issuer }));
        expectRefused(refused);
        expect(refused.body.errors).toEqual([{ field: 'credential.issuer', reason: `must be this issuer's DID ${schoolDid}` }]);
      }
    });
  });

  describe('credentialSubject (VCDM 2.0 §4.8; 4.08-credential-subject.js)', () => {
    it('refuses a credential without credentialSubject', async () => {
      const { credentialSubject: _subject, ...withoutSubject } = attestation();
      expectRefused(await issue(withoutSubject));
    });

    it('refuses an empty subject, alone or in a list', async () => {
      expectRefused(await issue(attestation({ credentialSubject: {} })));
      expectRefused(await issue(attestation({ credentialSubject: [{ id: nadiaKey.controller, name: 'Nadia Benkhelifa' }, {}] })));
    });

    it('refuses a subject that is not an object', async () => {
      expectRefused(await issue(attestation({ credentialSubject: nadiaKey.controller })));
    });

    it('accepts several subjects', async () => {
      const vc = await issued(
        attestation({
          credentialSubject: [
            { id: nadiaKey.controller, name: 'Nadia Benkhelifa' },
            { id: outsiderKey.controller, name: 'Cellule de formation du CHU d’Oran' },
          ],
        }),
      );
      expect(vc.credentialSubject).toHaveLength(2);
    });
  });

  describe('validity period (VCDM 2.0 §4.9; 4.09-validity-period.js)', () => {
    it('accepts validFrom as a dateTimeStamp with milliseconds, with a negative offset, in the future', async () => {
      await issued(attestation({ validFrom: '2026-03-13T16:00:00.447Z' }));
      await issued(attestation({ validFrom: '2026-03-13T10:00:00-06:00' }));
      await issued(attestation({ validFrom: '2099-09-01T08:00:00+01:00' }));
    });

    it('accepts validUntil as a dateTimeStamp, with milliseconds, with a negative offset', async () => {
      await issued(attestation({ validFrom: '2026-03-13T16:00:00Z', validUntil: '2031-03-13T16:00:00Z' }));
      await issued(attestation({ validFrom: '2026-03-13T16:00:00Z', validUntil: '2026-03-13T16:00:18.477Z' }));
      await issued(attestation({ validFrom: '2026-03-13T16:00:00Z', validUntil: '2026-03-13T10:00:06-06:00' }));
    });

    it('refuses validFrom and validUntil in other date formats', async () => {
      expectRefused(await issue(attestation({ validFrom: 'Fri 13 Mar 2026 04:00:00 PM CET' })));
      expectRefused(await issue(attestation({ validUntil: 'Sat, 13 Mar 2027 16:00:00 +0000' })));
      expectRefused(await issue(attestation({ validFrom: '2026-13-45T25:61:00Z' })));
    });

    it('refuses validFrom and validUntil without a time zone, which a dateTimeStamp requires', async () => {
      expectRefused(await issue(attestation({ validFrom: '2026-03-13T16:00:00' })));
      expectRefused(await issue(attestation({ validUntil: '2031-03-13T16:00:00' })));
    });

    it('refuses a validUntil before validFrom at issuance (or else the verifier must reject it)', async () => {
      expectRefused(await issue(attestation({ validFrom: '2027-03-13T16:00:00Z', validUntil: '2025-03-13T16:00:00Z' })));
    });

    it('verifies within the validity period, and not before it starts nor after it ends', async () => {
      expectStatus(await verify(await issued(attestation({ validFrom: '2025-12-06T00:00:00Z', validUntil: '2028-12-06T00:00:00Z' }))), 200);
      expectNotVerified(await verify(await issued(attestation({ validFrom: '2099-09-01T08:00:00Z' }))));
      expectNotVerified(await verify(await issued(attestation({ validFrom: '2025-03-13T16:00:00Z', validUntil: '2025-09-13T16:00:00Z' }))));
    });
  });

  describe('securing mechanisms (VCDM 2.0 §4.12, 10-vcdm2.js)', () => {
    it('issues every required property and secures the credential with a proof', async () => {
      for (const property of ['@context', 'type', 'issuer', 'credentialSubject', 'proof']) expect(attestationVc).toHaveProperty([property]);
      expect(asList(attestationVc.proof).every((proof) => proof && typeof proof === 'object')).toBe(true);
    });

    it('refuses to verify a credential without proof, and a non-conforming document', async () => {
      expectNotVerified(await verify(attestation()));
      expectNotVerified(await verify({ type: ['HospitalShiftRota'] }));
    });
  });

  describe('eddsa-rdfc-2022 proofs the issuer adds (vc-di-eddsa 10-rdfc-create.js, data-integrity create.js)', () => {
    const proofOf = (vc: Json): Json => {
      expect(Array.isArray(vc.proof)).toBe(false);
      return vc.proof;
    };

    it('adds one DataIntegrityProof object with cryptosuite eddsa-rdfc-2022 and proofPurpose assertionMethod', async () => {
      const proof = proofOf(attestationVc);
      expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
      expect(attestationVc['@context']).toContain(VC_V2); // defines DataIntegrityProof, cryptosuite and the purposes
      if (proof.id !== undefined) expect(isUrl(proof.id)).toBe(true);
      for (const field of ['domain', 'challenge', 'nonce', 'previousProof'] as const) {
        if (proof[field] !== undefined) expect(typeof proof[field]).toBe('string');
      }
    });

    it('writes proofValue as multibase base58btc (z…) of a 64-byte Ed25519 signature', async () => {
      const { proofValue } = proofOf(attestationVc);
      expect(typeof proofValue).toBe('string');
      expect(proofValue[0]).toBe('z');
      expect(proofValue.slice(1)).toMatch(new RegExp(`^[${BASE58_ALPHABET}]+$`));
      expect(base58Decode(proofValue.slice(1))).toHaveLength(64);
    });

    it('writes created as an XML Schema dateTimeStamp', async () => {
      const { created } = proofOf(attestationVc);
      if (created !== undefined) expect(created).toMatch(DATE_TIME_STAMP);
    });

    it('names a verificationMethod that dereferences to a 32-byte Ed25519 Multikey of the issuer, listed for assertionMethod', async () => {
      const { verificationMethod } = proofOf(attestationVc);
      expect(isUrl(verificationMethod)).toBe(true);
      const didDocument = await resolveDid(verificationMethod.split('#')[0]);
      const method = asList<Json>(didDocument.verificationMethod).find((vm) => vm.id === verificationMethod);
      expect(method).toMatchObject({ type: 'Multikey', controller: schoolDid });
      expect(method!.publicKeyMultibase).toMatch(new RegExp(`^z[${BASE58_ALPHABET}]+$`));
      const keyBytes = base58Decode(method!.publicKeyMultibase.slice(1));
      expect(keyBytes).toHaveLength(34); // multicodec ed25519-pub header 0xed 0x01, then the 32-byte key
      expect([...keyBytes.slice(0, 2)]).toEqual([0xed, 0x01]);
      const controller = await resolveDid(method!.controller);
      expect(asList<string | Json>(controller.assertionMethod).map((entry) => (typeof entry === 'string' ? entry : entry.id))).toContain(
        verificationMethod,
      );
    });

    it('issues credentials that a conformant verifier accepts with 200', async () => {
      const verdict = await verify(attestationVc);
      expectStatus(verdict, 200);
      expect(verdict.body).toMatchObject({ verified: true, errors: [] });
    });
  });

  describe('eddsa-rdfc-2022 verifier (vc-di-eddsa 20-rdfc-verify.js, data-integrity verify.js)', () => {
    it('verifies a valid eddsa-rdfc-2022 credential from an issuer outside the service (the suite signs its own)', async () => {
      const credential = { ...attestation(), issuer: outsiderKey.controller };
      const signed = await issueCredential({ credential, signer: { keyPair: outsiderKey }, documentLoader: loader });
      const verdict = await verify(signed);
      expectStatus(verdict, 200);
      expect(verdict.body.verified).toBe(true);
    });

    const tamperings: [string, (vc: Json) => void][] = [
      [
        'without proof',
        (vc) => {
          delete vc.proof;
        },
      ],
      [
        'whose proof is null',
        (vc) => {
          vc.proof = null;
        },
      ],
      [
        'whose proof has no type',
        (vc) => {
          delete vc.proof.type;
        },
      ],
      [
        'whose proof type was changed',
        (vc) => {
          vc.proof.type = 'Ed25519Signature2020';
        },
      ],
      [
        'whose cryptosuite is another suite',
        (vc) => {
          vc.proof.cryptosuite = 'eddsa-jcs-2022';
        },
      ],
      [
        'whose cryptosuite is an unknown string',
        (vc) => {
          vc.proof.cryptosuite = 'hospital-crisis-2026';
        },
      ],
      [
        'without proofValue',
        (vc) => {
          delete vc.proof.proofValue;
        },
      ],
      [
        'whose proofValue is null',
        (vc) => {
          vc.proof.proofValue = null;
        },
      ],
      [
        'whose proofValue lost its multibase header',
        (vc) => {
          vc.proof.proofValue = vc.proof.proofValue.slice(1);
        },
      ],
      [
        'whose proofValue is base64url, not base58btc',
        (vc) => {
          vc.proof.proofValue = `u${Buffer.from(base58Decode(vc.proof.proofValue.slice(1))).toString('base64url')}`;
        },
      ],
      [
        'whose proofValue carries 32 bytes too many',
        (vc) => {
          vc.proof.proofValue = `z${base58Encode(Uint8Array.from([...base58Decode(vc.proof.proofValue.slice(1)), ...randomBytes(32)]))}`;
        },
      ],
      [
        'whose created date was moved',
        (vc) => {
          vc.proof.created = new Date(Date.parse(vc.proof.created) + 1000).toISOString().replace(/\.\d+Z$/, 'Z');
        },
      ],
      [
        'whose created date is not a dateTime',
        (vc) => {
          vc.proof.created = 'le 13 mars 2026';
        },
      ],
      [
        'whose created date lost its time zone',
        (vc) => {
          vc.proof.created = vc.proof.created.replace(/Z$/, '');
        },
      ],
      [
        'without verificationMethod',
        (vc) => {
          delete vc.proof.verificationMethod;
        },
      ],
      [
        'whose verificationMethod is not a key',
        (vc) => {
          vc.proof.verificationMethod = 'did:key:z6MkNotAnEd25519Key';
        },
      ],
      [
        'whose verificationMethod is another party’s key',
        (vc) => {
          vc.proof.verificationMethod = outsiderKey.id;
        },
      ],
      [
        'without proofPurpose',
        (vc) => {
          delete vc.proof.proofPurpose;
        },
      ],
      [
        'whose proofPurpose was changed to authentication',
        (vc) => {
          vc.proof.proofPurpose = 'authentication';
        },
      ],
      [
        'whose subject was changed after signing',
        (vc) => {
          vc.credentialSubject.name = 'Karim Ziani';
        },
      ],
      [
        'whose validFrom was changed after signing',
        (vc) => {
          vc.validFrom = '2025-01-01T00:00:00Z';
        },
      ],
      [
        'whose issuer was changed after signing',
        (vc) => {
          vc.issuer = outsiderKey.controller;
        },
      ],
    ];
    it.each(tamperings)('answers 400 not verified, never 500, for a credential %s', async (_name, tamper) => {
      const vc = structuredClone(attestationVc);
      tamper(vc);
      expectNotVerified(await verify(vc));
    });

    it('refuses a proof whose purpose is not the expectedProofPurpose the caller asks for', async () => {
      expectNotVerified(await verify(attestationVc, { checks: ['proof'], expectedProofPurpose: 'authentication' }));
    });
  });

  describe('BitstringStatusListEntry the issuer adds (bitstring-status-list 10-data_model.js)', () => {
    it('adds conforming entries: type, statusPurpose, statusListIndex as base-10 digits, statusListCredential URL', async () => {
      const entries = asList<Json>(attestationVc.credentialStatus);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) {
        expect(entry.type).toBe('BitstringStatusListEntry');
        expect(typeof entry.statusPurpose).toBe('string');
        expect(entry.statusListIndex).toMatch(/^\d+$/);
        expect(String(Number.parseInt(entry.statusListIndex, 10))).toBe(entry.statusListIndex);
        expect(isUrl(entry.statusListCredential)).toBe(true);
        // The entry's id, when present, names this credential's status, never the list itself.
        if (entry.id !== undefined) expect(isUrl(entry.id) && entry.id !== entry.statusListCredential).toBe(true);
        if (entry.statusSize !== undefined) expect(Number.isInteger(entry.statusSize) && entry.statusSize > 0).toBe(true);
      }
      // One entry, as the OB 3.0 and CLR 2.0 schemas allow: revocation. The suspension list is published beside it.
      expect(attestationVc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    });

    it('points each entry at a BitstringStatusListCredential for its purpose, signed by the issuer', async () => {
      for (const entry of asList<Json>(attestationVc.credentialStatus)) {
        const list = await fetchList(entry.statusListCredential);
        expect(list['@context'][0]).toBe(VC_V2);
        expect(list.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'BitstringStatusListCredential']));
        expect(list.id).toBe(entry.statusListCredential);
        expect(list.issuer).toBe(schoolDid);
        expect(list.credentialSubject).toMatchObject({ type: 'BitstringStatusList', statusPurpose: entry.statusPurpose });
        expect(list.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
        const verdict = await verify(list);
        expectStatus(verdict, 200);
      }
    });

    it('encodes the list as multibase base64url without padding of a GZIP bitstring of at least 131,072 entries', async () => {
      for (const entry of asList<Json>(attestationVc.credentialStatus)) {
        const { encodedList } = (await fetchList(entry.statusListCredential)).credentialSubject;
        expect(encodedList[0]).toBe('u');
        expect(encodedList.slice(1)).toMatch(BASE64URL_NO_PAD);
        const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
        expect(bits.length * 8).toBeGreaterThanOrEqual(MIN_STATUS_LIST_ENTRIES);
        const index = Number(entry.statusListIndex);
        expect(index).toBeLessThan(bits.length * 8);
        expect(bits[index >> 3] & (0x80 >> (index & 7))).toBe(0);
      }
    });

    it('verifies its own credential with a status entry, checking the status (Validate Algorithm)', async () => {
      const verdict = await verify(attestationVc, { checks: ['proof', 'credentialStatus'] });
      expectStatus(verdict, 200);
      expect(verdict.body.checks).toContainEqual(expect.objectContaining({ check: 'status', passed: true }));
    });

    it('refuses to issue a credential carrying a malformed status entry (Algorithm: MALFORMED_VALUE_ERROR)', async () => {
      expectRefused(
        await issue(
          attestation({
            statusEntry: {
              type: 'BitstringStatusListEntry',
              statusListIndex: true,
              statusListCredential: 'https://ensm-alger.example/status/1',
            },
          }),
        ),
      );
    });
  });

  describe('status updates (VC-API /credentials/status, bitstring-status-list helpers)', () => {
    const bitOf = async (vc: Json, purpose: string): Promise<boolean> => {
      // The suspension list is published beside the revocation list the one entry names, at the same index.
      const entry = asList<Json>(vc.credentialStatus).find((candidate) => candidate.statusPurpose === 'revocation')!;
      const list = await fetchList(entry.statusListCredential.replace(/\/revocation$/, `/${purpose}`));
      expect(list.credentialSubject.statusPurpose).toBe(purpose);
      const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
      const index = Number(entry.statusListIndex);
      return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
    };

    it('revokes a credential: its bit is set in the re-signed list and verification then fails', async () => {
      const vc = await issued(attestation());
      expectStatus(await verify(vc), 200);
      expectStatus(
        await changeStatus({
          credentialId: vc.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          status: true,
          reason: 'Attestation délivrée par erreur : évaluation finale non validée par le jury',
        }),
        200,
      );
      expect(await bitOf(vc, 'revocation')).toBe(true);
      const revocationList = await fetchList(
        asList<Json>(vc.credentialStatus).find((entry) => entry.statusPurpose === 'revocation')!.statusListCredential,
      );
      expectStatus(await verify(revocationList), 200);
      const verdict = await verify(vc, { checks: ['proof', 'credentialStatus'] });
      expectNotVerified(verdict);
      expect(verdict.body.checks).toContainEqual(expect.objectContaining({ check: 'status', passed: false }));
    });

    it('suspends a credential, which then fails verification, and lifts the suspension', async () => {
      const vc = await issued(attestation());
      const suspension = { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' } };
      expectStatus(await changeStatus({ ...suspension, status: true, reason: 'Vérification en cours auprès du CHU d’Oran' }), 200);
      expect(await bitOf(vc, 'suspension')).toBe(true);
      expectNotVerified(await verify(vc));
      expectStatus(await changeStatus({ ...suspension, status: false }), 200);
      expect(await bitOf(vc, 'suspension')).toBe(false);
      expectStatus(await verify(vc), 200);
    });

    it('asks for the new status and a reason in a status update, unlike the bitstring suite’s unused helper body', async () => {
      // tests/helpers.js updateStatus() sends { credentialId, credentialStatus } only; no current suite test calls it.
      // Here a change says what the bit becomes, and a revocation or suspension says why (the audit log keeps it).
      const vc = await issued(attestation());
      const refused = await changeStatus({
        credentialId: vc.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      });
      expectRefused(refused);
      expect(refused.body.errors.map((error: Json) => error.field)).toContain('status');
      expect(await bitOf(vc, 'revocation')).toBe(false);
    });
  });

  describe('relatedResource (VCDM 2.0 §5.3; 4.x-related-resource)', () => {
    const id = 'https://ensm-alger.example/programmes/gc-sse.json';
    const digestSRI = `sha384-${createHash('sha384').update('programme GC-SSE').digest('base64')}`;

    it('refuses entries that are strings, lack an id, repeat an id or carry no digest, naming the field', async () => {
      const fields = async (relatedResource: unknown): Promise<string[]> => {
        const refused = await issue(attestation({ relatedResource }));
        expectRefused(refused);
        return refused.body.errors.map((error: Json) => error.field);
      };
      expect(await fields([id, `${id}?v=2`])).toEqual(['credential.relatedResource[0]', 'credential.relatedResource[1]']);
      expect(await fields({ digestSRI })).toEqual(['credential.relatedResource.id']);
      expect(
        await fields([
          { id, digestSRI },
          { id, digestSRI },
        ]),
      ).toEqual(['credential.relatedResource[1].id']);
      expect(await fields({ id, mediaType: 'application/json' })).toEqual(['credential.relatedResource']);
      expect(await fields({ id, digestSRI: 'md5-0123' })).toEqual(['credential.relatedResource.digestSRI']);
    });

    it('checks the digest against the resource itself before signing, and refuses what it cannot fetch (closed network here)', async () => {
      // A wrong digest against a served resource: src/credentials/vc/related-resource.spec.ts (local server).
      const refused = await issue(attestation({ relatedResource: { id, digestSRI } }));
      expectRefused(refused);
      expect(refused.body.errors).toEqual([
        { field: 'credential.relatedResource.id', reason: expect.stringContaining('cannot be fetched to check its digest') },
      ]);
    });

    it('does not verify a signed credential whose relatedResource has no digest', async () => {
      const signed = await issueCredential({
        credential: { ...attestation(), issuer: outsiderKey.controller, relatedResource: { id, mediaType: 'application/json' } },
        signer: { keyPair: outsiderKey },
        documentLoader: loader,
      });
      const verdict = await verify(signed);
      expectNotVerified(verdict);
      expect(verdict.body.errors).toEqual([expect.objectContaining({ code: 'RELATED_RESOURCE_INVALID' })]);
    });
  });

  describe('proof chains (Data Integrity §2.1.2 previousProof; data-integrity verify.js)', () => {
    const chain = async (): Promise<Json> => {
      const first = await issueCredential({
        credential: { ...attestation(), issuer: outsiderKey.controller },
        signer: { keyPair: outsiderKey },
        documentLoader: loader,
        proof: { id: 'urn:uuid:5b1f0e4e-0c1a-4a4e-8d6e-7a2f3c4d5e01' },
      });
      return issueCredential({
        credential: first,
        signer: { keyPair: outsiderKey },
        documentLoader: loader,
        proof: { id: 'urn:uuid:5b1f0e4e-0c1a-4a4e-8d6e-7a2f3c4d5e02', previousProof: 'urn:uuid:5b1f0e4e-0c1a-4a4e-8d6e-7a2f3c4d5e01' },
      });
    };

    it('verifies a credential whose second proof names the first as its previousProof', async () => {
      const verdict = await verify(await chain());
      expectStatus(verdict, 200);
      expect(verdict.body.verified).toBe(true);
    });

    it('does not verify a chain whose previousProof names no proof of the set, or whose first proof was altered', async () => {
      const dangling = await chain();
      dangling.proof[1].previousProof = 'urn:uuid:5b1f0e4e-0c1a-4a4e-8d6e-7a2f3c4d5eff';
      const verdict = await verify(dangling);
      expectNotVerified(verdict);
      expect(verdict.body.errors).toEqual([expect.objectContaining({ code: 'PROOF_CHAIN_INVALID' })]);
      const altered = await chain();
      altered.proof[0].created = '2026-01-01T00:00:00Z';
      expectNotVerified(await verify(altered));
    });
  });

  describe('VC-API details (VCALM; issue 20)', () => {
    const issueWith = (credential: unknown, options: Json) =>
      ctx.http.post(`/issuers/${ensm.slug}/credentials/issue`).auth(registrar.token, bearer).send({ credential, options });

    it('replaces a caller-supplied BitstringStatusListEntry by one of its own lists, of the same purpose', async () => {
      for (const statusPurpose of ['revocation', 'suspension']) {
        const vc = await issued(
          attestation({
            credentialStatus: {
              type: 'BitstringStatusListEntry',
              statusPurpose,
              statusListIndex: '94567',
              statusListCredential: 'https://example.com/credentials/status/3',
            },
          }),
        );
        expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose });
        expect(vc.credentialStatus.statusListCredential).toMatch(/^https:\/\/competences\.test\//);
        expectStatus(await verify(vc, { checks: ['proof', 'credentialStatus'] }), 200);
      }
      const both = await issued(
        attestation({
          credentialStatus: [
            { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
            { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
          ],
        }),
      );
      expect(
        asList<Json>(both.credentialStatus)
          .map((entry) => entry.statusPurpose)
          .sort(),
      ).toEqual(['revocation', 'suspension']);
      const refused = await issue(attestation({ credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'message' } }));
      expectRefused(refused);
      expect(refused.body.errors).toEqual([
        { field: 'credential.credentialStatus.statusPurpose', reason: 'must be revocation or suspension' },
      ]);
    });

    it('upgrades a VC 1.1 credential to VC 2.0: context swapped, issuanceDate → validFrom, expirationDate → validUntil', async () => {
      const vc = await issued({
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/2018/credentials/examples/v1'],
        type: ['VerifiableCredential'],
        issuanceDate: '2026-03-13T16:00:00Z',
        expirationDate: '2031-03-13T16:00:00Z',
        credentialSubject: { id: nadiaKey.controller, name: 'Nadia Benkhelifa' },
      });
      expect(vc['@context']).toEqual([VC_V2, EXAMPLES_V2]);
      expect(vc).toMatchObject({ validFrom: '2026-03-13T16:00:00Z', validUntil: '2031-03-13T16:00:00Z' });
      expect(vc).not.toHaveProperty('issuanceDate');
      expect(vc).not.toHaveProperty('expirationDate');
      expectStatus(await verify(vc), 200);
    });

    it('keeps credential.id and takes options.credentialId as the handle for status updates', async () => {
      const handle = `urn:uuid:${randomUUID()}`;
      const own = attestation();
      const response = await issueWith(own, { credentialId: handle });
      expectStatus(response, 201);
      expect(response.body.verifiableCredential.id).toBe(own.id);
      expectStatus(
        await changeStatus({
          credentialId: handle,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
          status: true,
        }),
        200,
      );
      expectNotVerified(await verify(response.body.verifiableCredential));
      expectStatus(await issueWith(attestation(), { credentialId: handle }), 409);
    });

    it('answers 200 to a change that leaves the status as it is, without a reason; a revocation stays final', async () => {
      const vc = await issued(attestation());
      const revocation = { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } };
      const suspension = { credentialId: vc.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' } };
      expectStatus(await changeStatus({ ...revocation, status: false }), 200);
      expectStatus(await changeStatus({ ...suspension, status: false }), 200);
      expectStatus(await verify(vc), 200);
      const revoked = await changeStatus({ ...revocation, status: true });
      expectStatus(revoked, 200);
      expect(revoked.body.state).toBe('revoked');
      expectStatus(await changeStatus({ ...revocation, status: true }), 200);
      const reinstated = await changeStatus({ ...revocation, status: false });
      expectStatus(reinstated, 409);
      expect(reinstated.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reinstated.body).toMatchObject({ status: 409, code: 'revocation_is_final', type: expect.any(String), title: 'Conflict' });
    });

    it('lists a revocation and an expiry as VCALM warnings (problem details), and never answers them verified', async () => {
      const vc = await issued(attestation());
      expectStatus(
        await changeStatus({
          credentialId: vc.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          status: true,
        }),
        200,
      );
      const revoked = await verify(vc, { checks: ['proof', 'credentialStatus'] });
      expectNotVerified(revoked);
      expect(revoked.body.warnings).toEqual([
        expect.objectContaining({ title: 'REVOKED', type: expect.any(String), detail: expect.any(String) }),
      ]);
      expect(revoked.body.problemDetails).toEqual(expect.arrayContaining([expect.objectContaining({ title: 'REVOKED' })]));
      const expired = await verify(await issued(attestation({ validFrom: '2025-03-13T16:00:00Z', validUntil: '2025-09-13T16:00:00Z' })));
      expectNotVerified(expired);
      expect(expired.body.warnings).toEqual([expect.objectContaining({ title: 'EXPIRED' })]);
      const fine = await verify(attestationVc);
      expect(fine.body).toMatchObject({ verified: true, problemDetails: [], warnings: [] });
    });
  });

  describe('presentations (VCDM 2.0 §4.3, §4.5, §4.13; 4.13-verifiable-presentations.js)', () => {
    const presentation = (overrides: Json = {}): Json => ({
      ...buildPresentation({ verifiableCredential: [attestationVc], holder: nadiaKey.controller }),
      ...overrides,
    });

    it('verifies a presentation of a valid credential, unsigned or signed by its holder against the verifier’s challenge', async () => {
      expectStatus(await verifyPresentation(presentation()), 200);
      const challenge = `u${randomBytes(16).toString('base64url')}`;
      const signed = await provePresentation({
        presentation: presentation(),
        signer: { keyPair: nadiaKey },
        documentLoader: loader,
        challenge,
        domain: 'chu-oran.example.dz',
      });
      expectStatus(await verifyPresentation(signed, { checks: ['proof'], challenge, domain: 'chu-oran.example.dz' }), 200);
    });

    it('verifies a holder-signed presentation of a credential from an issuer outside the service (the suite issues its own)', async () => {
      const credential = await issueCredential({
        credential: { ...attestation(), issuer: outsiderKey.controller },
        signer: { keyPair: outsiderKey },
        documentLoader: loader,
      });
      const challenge = `u${randomBytes(16).toString('base64url')}`;
      const signed = await provePresentation({
        presentation: presentation({ verifiableCredential: [credential] }),
        signer: { keyPair: nadiaKey },
        documentLoader: loader,
        challenge,
      });
      const verdict = await verifyPresentation(signed, { checks: ['proof'], challenge });
      expectStatus(verdict, 200);
      expect(verdict.body.verified).toBe(true);
    });

    it('refuses a presentation without @context, or whose first context is not the VC 2.0 context', async () => {
      const { '@context': _context, ...withoutContext } = presentation();
      expectNotVerified(await verifyPresentation(withoutContext));
      expectNotVerified(await verifyPresentation(presentation({ '@context': [OPEN_BADGES_V3, VC_V2] })));
    });

    it('refuses a presentation without type, or whose types lack VerifiablePresentation', async () => {
      const { type: _type, ...untyped } = presentation();
      expectNotVerified(await verifyPresentation(untyped));
      expectNotVerified(await verifyPresentation(presentation({ type: [`${VOCAB}TrainingPortfolio`] })));
    });

    it('refuses a presentation whose credential lacks the VerifiableCredential type, or is a URL rather than an object', async () => {
      expectNotVerified(
        await verifyPresentation(
          presentation({ verifiableCredential: [{ ...attestationVc, type: [`${VOCAB}CrisisManagementTrainingAttestation`] }] }),
        ),
      );
      expectNotVerified(await verifyPresentation(presentation({ verifiableCredential: [attestationVc.id] })));
    });
  });
});

describe('W3C conformance, with the default contexts', () => {
  let ctx: TestApp;
  afterAll(async () => {
    await ctx?.close();
  });

  it('refuses the examples context (never fetched), and reports an outside issuer as untrusted although its proof verifies', async () => {
    const outsider = await generateDidKeyPair({ seed: seed('issuer:unknown-training-office') });
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true' });
    const factory = new Factory(ctx);
    const school = await factory.newInstitution({ slug: 'ensm-alger-default' });
    const registrar = await factory.newUser('registrar', school.id);
    const credential = {
      '@context': [VC_V2, EXAMPLES_V2],
      type: ['VerifiableCredential'],
      validFrom: '2026-03-13T16:00:00Z',
      credentialSubject: { id: 'did:example:nadia-benkhelifa', name: 'Nadia Benkhelifa' },
    };
    const refused = await ctx.http.post(`/issuers/${school.slug}/credentials/issue`).auth(registrar.token, bearer).send({ credential });
    expectRefused(refused);
    expect(refused.body.errors).toEqual([{ field: 'credential', reason: expect.stringContaining(EXAMPLES_V2) }]);

    const signed = await issueCredential({
      credential: { ...credential, '@context': [VC_V2], issuer: outsider.controller },
      signer: { keyPair: outsider },
      documentLoader: createDocumentLoader(),
    });
    const verdict = await ctx.http.post('/credentials/verify').send({ verifiableCredential: signed });
    expectNotVerified(verdict);
    const presented = await ctx.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: buildPresentation({ verifiableCredential: [signed] }) });
    expectNotVerified(presented);
    expect(presented.body.errors).toEqual([
      expect.objectContaining({ code: 'ISSUER_CHECK_FAILED', message: expect.stringMatching(/^credential 0: issuer/) }),
    ]);
    expect(verdict.body.checks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'proof', passed: true }),
        expect.objectContaining({ check: 'issuer', passed: false, subject: outsider.controller }),
      ]),
    );
  });
});

describe('W3C conformance, issuers in did:key mode (the EdDSA suite resolves did:key only)', () => {
  let ctx: TestApp;
  afterAll(async () => {
    await ctx?.close();
  });

  it('answers /issuers/{slug}/did.json with a problem naming the DID the school signs with', async () => {
    ctx = await startTestApp({ VC_API_ISSUANCE: 'true', ISSUER_DID_METHOD: 'key' });
    const factory = new Factory(ctx);
    const school = await factory.newInstitution({ slug: 'ensm-alger-key' });
    const registrar = await factory.newUser('registrar', school.id);
    const before = await ctx.http.get(`/issuers/${school.slug}/did.json`);
    expectStatus(before, 404);
    expect(before.body).toMatchObject({ code: 'issuer_uses_did_key', detail: expect.stringContaining('no signing key yet') });
    const credential = {
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:nadia-benkhelifa', name: 'Nadia Benkhelifa' },
    };
    const response = await ctx.http.post(`/issuers/${school.slug}/credentials/issue`).auth(registrar.token, bearer).send({ credential });
    expectStatus(response, 201);
    const did = response.body.verifiableCredential.issuer as string;
    expect(did).toMatch(/^did:key:z6Mk/);
    const after = await ctx.http.get(`/issuers/${school.slug}/did.json`);
    expectStatus(after, 404);
    expect(after.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(after.body).toMatchObject({ code: 'issuer_uses_did_key', detail: expect.stringContaining(did) });
  });
});
