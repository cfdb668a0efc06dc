// What a start on a database server needs so that a restart loses nothing: the key-encryption key that seals the
// schools' signing keys must come from the environment, not be made up for one process.
import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigError } from '../src/config/app-config.js';
import { expectStatus, Factory } from './support/factories.js';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };

describe('starting on a database server', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** The service (re)started on the test's database, configured with DATABASE_URL as a deployment would be. */
  const start = (env: Record<string, string> = {}) =>
    startAnotherInstance(ctx, { DATABASE_URL: ctx.database.url, VC_API_ISSUANCE: 'true', ...env }, { ownConnections: true });

  it('refuses to start without KEY_ENCRYPTION_KEY, instead of sealing keys no restart can open', async () => {
    const refused = await start().then(
      async (app) => {
        await app.close();
        return undefined;
      },
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      expect.stringMatching(/^KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE is required with DATABASE_URL/),
    ]);
  });

  it('revokes after a restart a credential issued before it', async () => {
    const KEY_ENCRYPTION_KEY = randomBytes(32).toString('hex');
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const registrar = await factory.newUser('registrar', school.id);

    const before = await start({ KEY_ENCRYPTION_KEY });
    const issued = await before.http
      .post(`/issuers/${school.slug}/credentials/issue`)
      .auth(registrar.token, bearer)
      .send({
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          id: `urn:uuid:${randomUUID()}`,
          type: ['VerifiableCredential'],
          name: 'Attestation de formation — Gestion des crises hospitalières',
          credentialSubject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Nadia Benkhelifa' },
          validFrom: '2026-03-13T16:00:00Z',
        },
      });
    expectStatus(issued, 201);
    await before.close();

    const after = await start({ KEY_ENCRYPTION_KEY });
    try {
      const revoked = await after.http
        .post(`/issuers/${school.slug}/credentials/status`)
        .auth(registrar.token, bearer)
        .send({
          credentialId: issued.body.verifiableCredential.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
          status: true,
          reason: 'Attestation délivrée par erreur',
        });
      expectStatus(revoked, 200);
      const verdict = await after.http
        .post('/credentials/verify')
        .send({ verifiableCredential: issued.body.verifiableCredential, options: { checks: ['proof', 'credentialStatus'] } });
      expect(verdict.status).toBe(400);
    } finally {
      await after.close();
    }
  });
});
