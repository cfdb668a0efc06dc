// Schools' issuer identities: keys created on first use and sealed at rest, the did:web document, rotation that
// keeps old credentials verifiable, the did:key offline mode, and the bounds of the wired document loader.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { VcEnvironment } from '../src/credentials/vc-environment.service.js';
import { didWebToUrl } from '../src/credentials/vc/dids.js';
import { decryptPrivateKey } from '../src/credentials/vc/key-encryption.js';
import { exportKeyPair } from '../src/credentials/vc/keys.js';
import { issueCredential, type JsonObject } from '../src/credentials/vc/issuer.js';
import { buildAchievementCredential } from '../src/credentials/vc/open-badges.js';
import { verifyCredential } from '../src/credentials/vc/verifier.js';
import { IssuerIdentityService, type UnsealedIssuerKey } from '../src/credentials/issuers/issuer-identity.service.js';
import { expectStatus, Factory, type Person } from './support/factories.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const KEK = randomBytes(32);
const PARTNER_DID = 'did:web:ehesp.example.fr:issuers:ehesp-rennes';

/** A crisis-management certificate the school signs itself (the issuance service builds the real ones). */
async function signCertificate(signer: UnsealedIssuerKey, vc: VcEnvironment): Promise<JsonObject> {
  const credential = buildAchievementCredential({
    id: `urn:uuid:${randomUUID()}`,
    name: 'Certificat — Gestion des crises sanitaires',
    issuer: { id: signer.did, name: 'École nationale supérieure de management de la santé' },
    subject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
    achievement: {
      id: 'https://competences.test/achievements/gestion-crises-sanitaires',
      name: 'Gestion des crises sanitaires',
      description: 'Piloter la cellule de crise d’un établissement de santé.',
      criteria: { narrative: 'Simulation de crise notée au moins 12/20.' },
      achievementType: 'Certificate',
    },
    validFrom: '2026-06-30T00:00:00Z',
  });
  return issueCredential({ credential, signer: signer.signingKey, documentLoader: vc.documentLoader });
}

/** A TCP server that only counts connections: proof that nothing was requested. */
async function countingServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { port, connections: () => connections, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('issuer identities (did:web)', () => {
  let ctx: TestApp;
  let factory: Factory;
  let identity: IssuerIdentityService;
  let vc: VcEnvironment;
  let school: { id: string; slug: string };
  let registrar: Person;
  let admin: Person;
  let did: string;
  beforeAll(async () => {
    ctx = await startTestApp({ KEY_ENCRYPTION_KEY: KEK.toString('hex'), TRUSTED_ISSUER_DIDS: PARTNER_DID });
    factory = new Factory(ctx);
    identity = ctx.app.get(IssuerIdentityService);
    vc = ctx.app.get(VcEnvironment);
    school = await factory.newInstitution();
    registrar = await factory.newUser('registrar', school.id);
    admin = await factory.admin();
    did = `did:web:competences.test:issuers:${school.slug}`;
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('creates a school’s key on first use, sealed under the key-encryption key, and never shows its private half', async () => {
    const before = await ctx.http.get(`/institutions/${school.id}/issuer-keys`).auth(registrar.token, bearer).expect(200);
    expect(before.body).toEqual([]);

    const signer = await identity.unsealedKey(school.id);
    expect(signer).toMatchObject({
      institutionId: school.id,
      did,
      verificationMethod: `${did}#${signer.signingKey.keyPair!.publicKeyMultibase}`,
    });
    expect(await identity.issuerDid(school.id)).toBe(did);
    const { secretKeyMultibase } = await exportKeyPair({ keyPair: signer.signingKey.keyPair!, includeSecret: true });

    const rows = await ctx.database.dataSource.query(`SELECT * FROM issuer_key WHERE "institutionId" = $1`, [school.id]);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain('secretKeyMultibase');
    expect(stored).not.toContain(secretKeyMultibase);
    expect(rows[0].encryptedPrivateKey).toMatchObject({ v: 1, alg: 'A256GCM', kid: signer.verificationMethod });
    expect(decryptPrivateKey({ envelope: rows[0].encryptedPrivateKey, kek: KEK })).toBe(secretKeyMultibase);

    const keys = await ctx.http.get(`/institutions/${school.id}/issuer-keys`).auth(registrar.token, bearer).expect(200);
    expect(keys.body).toEqual([
      {
        verificationMethod: signer.verificationMethod,
        did,
        publicKeyMultibase: signer.signingKey.keyPair!.publicKeyMultibase,
        createdAt: expect.any(String),
        retiredAt: null,
      },
    ]);
    const document = await ctx.http.get(`/issuers/${school.slug}/did.json`).expect(200);
    const audit = await ctx.http.get('/audit-events').query({ institutionId: school.id }).auth(registrar.token, bearer).expect(200);
    expect(audit.body.data).toEqual([expect.objectContaining({ action: 'issuer_key.created', actorId: null, institutionId: school.id })]);
    for (const response of [keys, document, audit]) {
      expect(JSON.stringify(response.body)).not.toMatch(/secretKeyMultibase|encryptedPrivateKey/);
      expect(JSON.stringify(response.body)).not.toContain(secretKeyMultibase);
    }
  });

  it('publishes the did:web document where did:web resolution looks for it, the key as assertion method', async () => {
    const signer = await identity.unsealedKey(school.id);
    expect(didWebToUrl(did)).toBe(`${ctx.config.publicBaseUrl}/issuers/${school.slug}/did.json`);
    const response = await ctx.http.get(`/issuers/${school.slug}/did.json`).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/did\+json/);
    expect(response.body).toMatchObject({
      id: did,
      verificationMethod: [
        {
          id: signer.verificationMethod,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: signer.signingKey.keyPair!.publicKeyMultibase,
        },
      ],
      assertionMethod: [signer.verificationMethod],
    });
    expect(await identity.resolveOwnDid(did)).toEqual(response.body);
    expect(await identity.institutionForDid(did)).toMatchObject({ id: school.id, slug: school.slug });

    expect((await ctx.http.get('/issuers/no-such-school/did.json').expect(404)).body.code).toBe('not_found');
    expect(await identity.resolveOwnDid('did:web:competences.test:issuers:no-such-school')).toBeNull();
  });

  it('after rotation a credential signed with the old key still verifies, and new signatures use the new key', async () => {
    const oldSigner = await identity.unsealedKey(school.id);
    const signedBefore = await signCertificate(oldSigner, vc);
    // Verified before the rotation: the verifier then holds a DID document without the new key.
    expect((await verifyCredential({ credential: signedBefore, documentLoader: vc.documentLoader })).verified).toBe(true);

    const rotation = await ctx.http
      .post(`/institutions/${school.id}/issuer-keys/rotation`)
      .auth(registrar.token, bearer)
      .send({ reason: 'Rotation annuelle' });
    expectStatus(rotation, 201);
    expect(rotation.body).toMatchObject({ did, retiredAt: null });
    expect(rotation.body.verificationMethod).not.toBe(oldSigner.verificationMethod);
    expect(JSON.stringify(rotation.body)).not.toMatch(/secretKeyMultibase|encryptedPrivateKey/);

    const keys = await ctx.http.get(`/institutions/${school.id}/issuer-keys`).auth(admin.token, bearer).expect(200);
    expect(keys.body.map((key: { verificationMethod: string }) => key.verificationMethod)).toEqual([
      oldSigner.verificationMethod,
      rotation.body.verificationMethod,
    ]);
    expect(keys.body[0].retiredAt).not.toBeNull();
    const document = (await ctx.http.get(`/issuers/${school.slug}/did.json`).expect(200)).body;
    expect(document.assertionMethod).toEqual([oldSigner.verificationMethod, rotation.body.verificationMethod]);
    expect(document.authentication).toEqual([rotation.body.verificationMethod]);

    const oldReport = await verifyCredential({ credential: signedBefore, documentLoader: vc.documentLoader });
    expect(oldReport.errors).toEqual([]);
    expect(oldReport.verified).toBe(true);

    const newSigner = await identity.unsealedKey(school.id);
    expect(newSigner.verificationMethod).toBe(rotation.body.verificationMethod);
    const signedAfter = await signCertificate(newSigner, vc);
    expect((signedAfter.proof as JsonObject).verificationMethod).toBe(rotation.body.verificationMethod);
    expect((await verifyCredential({ credential: signedAfter, documentLoader: vc.documentLoader })).verified).toBe(true);

    const audit = await ctx.http.get('/audit-events').query({ institutionId: school.id }).auth(registrar.token, bearer).expect(200);
    expect(audit.body.data[0]).toMatchObject({
      action: 'issuer_key.rotated',
      actorId: registrar.id,
      reason: 'Rotation annuelle',
      details: { verificationMethod: rotation.body.verificationMethod, previousVerificationMethod: oldSigner.verificationMethod },
    });
  });

  it('only an administrator or a registrar of the school may rotate its key', async () => {
    const otherRegistrar = await factory.newUser('registrar', (await factory.newInstitution()).id);
    const refused = await ctx.http.post(`/institutions/${school.id}/issuer-keys/rotation`).auth(otherRegistrar.token, bearer).send({});
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('other_institution');
    const hr = await factory.newUser('hr_manager', school.id);
    expect((await ctx.http.post(`/institutions/${school.id}/issuer-keys/rotation`).auth(hr.token, bearer).send({})).body.code).toBe(
      'role_not_allowed',
    );
    expectStatus(await ctx.http.post(`/institutions/${school.id}/issuer-keys/rotation`).auth(admin.token, bearer).send({}), 201);
    expect((await ctx.http.post(`/institutions/${randomUUID()}/issuer-keys/rotation`).auth(admin.token, bearer).send({})).status).toBe(404);
  });

  it('concurrent first uses create a single key', async () => {
    const newSchool = await factory.newInstitution();
    const signers = await Promise.all(Array.from({ length: 8 }, () => identity.unsealedKey(newSchool.id)));
    expect(new Set(signers.map((signer) => signer.verificationMethod)).size).toBe(1);
    const [{ count }] = await ctx.database.dataSource.query(`SELECT count(*)::int AS count FROM issuer_key WHERE "institutionId" = $1`, [
      newSchool.id,
    ]);
    expect(count).toBe(1);
  });

  it('a renamed school keeps its did:web, which others point at', async () => {
    const renamed = await factory.newInstitution();
    const before = await identity.unsealedKey(renamed.id);
    const signed = await signCertificate(before, vc);
    expectStatus(
      await ctx.http
        .patch(`/institutions/${renamed.id}`)
        .auth(admin.token, bearer)
        .send({ slug: `${renamed.slug}-nouveau` }),
      200,
    );

    expect((await identity.unsealedKey(renamed.id)).did).toBe(before.did);
    expect((await verifyCredential({ credential: signed, documentLoader: vc.documentLoader })).verified).toBe(true);
    expect((await ctx.http.get(`/issuers/${renamed.slug}/did.json`).expect(200)).body.id).toBe(before.did);
    await ctx.http.get(`/issuers/${renamed.slug}-nouveau/did.json`).expect(404);
    const rotated = await ctx.http.post(`/institutions/${renamed.id}/issuer-keys/rotation`).auth(admin.token, bearer).send({});
    expect(rotated.body.did).toBe(before.did);
  });

  it('trusts our schools’ DIDs and the configured external issuers, nobody else', async () => {
    expect(await vc.isTrustedIssuer(did)).toMatchObject({ trusted: true, institution: { id: school.id, slug: school.slug } });
    expect(await vc.isTrustedIssuer(PARTNER_DID)).toEqual({ trusted: true });
    expect(await vc.isTrustedIssuer('did:web:diplomes.example.com:issuers:faux')).toEqual({ trusted: false });
  });

  it('the document loader refuses an unknown context URL without fetching it', async () => {
    const server = await countingServer();
    try {
      await expect(vc.documentLoader(`http://localhost:${server.port}/contexts/diplome.jsonld`)).rejects.toMatchObject({
        code: 'UNKNOWN_CONTEXT',
      });
      await expect(vc.documentLoader('https://www.w3.org/2018/credentials/examples/v1')).rejects.toMatchObject({ code: 'UNKNOWN_CONTEXT' });
      expect(server.connections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('refuses a foreign did:web or status list that points at a loopback address, without any request', async () => {
    const server = await countingServer();
    try {
      const foreign = `did:web:localhost%3A${server.port}:issuers:ecole`;
      await expect(vc.documentLoader(`${foreign}#key-1`)).rejects.toThrow(/loopback/);

      const status = await vc.checkStatus({
        credential: {
          issuer: foreign,
          credentialStatus: {
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: '7',
            statusListCredential: `https://localhost:${server.port}/status/1`,
          },
        },
        now: new Date(),
      });
      expect(status.verified).toBe(false);
      expect(status.entries[0]).toMatchObject({
        status: 'error',
        problem: { code: 'STATUS_CHECK_FAILED', message: expect.stringMatching(/loopback/) },
      });
      expect(server.connections()).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('answers an unknown DID under our own issuers path from the database only', async () => {
    await expect(vc.documentLoader('did:web:competences.test:issuers:inconnue#key-1')).rejects.toThrow(/not one of this service's issuers/);
  });
});

describe('issuer identities (did:key offline mode)', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp({ PUBLIC_BASE_URL: 'http://localhost:3000', PGLITE_DIR: 'memory://' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('gives a school a did:key issuer DID whose credentials verify offline', async () => {
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const identity = ctx.app.get(IssuerIdentityService);
    const vc = ctx.app.get(VcEnvironment);
    const issuerDid = await identity.issuerDid(school.id);
    expect(issuerDid).toMatch(/^did:key:z6Mk/);
    const signer = await identity.unsealedKey(school.id);
    expect(signer.did).toBe(issuerDid);
    expect(signer.verificationMethod).toBe(`${issuerDid}#${issuerDid.slice('did:key:'.length)}`);
    expect((await verifyCredential({ credential: await signCertificate(signer, vc), documentLoader: vc.documentLoader })).verified).toBe(
      true,
    );
    expect(await vc.isTrustedIssuer(issuerDid)).toMatchObject({ trusted: true, institution: { id: school.id } });
    expect(await identity.resolveOwnDid(issuerDid)).toMatchObject({ id: issuerDid, assertionMethod: [signer.verificationMethod] });
    await ctx.http.get(`/issuers/${school.slug}/did.json`).expect(404);

    const registrar = await factory.newUser('registrar', school.id);
    const rotated = await ctx.http.post(`/institutions/${school.id}/issuer-keys/rotation`).auth(registrar.token, bearer).send({});
    expectStatus(rotated, 201);
    expect(rotated.body.did).toMatch(/^did:key:z6Mk/);
    expect(rotated.body.did).not.toBe(issuerDid);
    expect(await identity.issuerDid(school.id)).toBe(rotated.body.did);
  });
});
