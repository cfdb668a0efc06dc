// Issue 20: what we issue must pass 1EdTech's JSON Schemas (bundled in test/fixtures/1edtech, see its README): every
// Open Badges credential kind the API issues against the AchievementCredential schema, a CLR 2.0 record built from
// them against the ClrCredential schema, and the plain VC-API attestations against the CLR schema's definition of an
// embedded VerifiableCredential. The schemas allow one credentialStatus object; the two-entry array we wrote before
// fails them (checked below, so these tests can fail). And a verifier we did not write (@digitalbazaar/vc with
// @digitalbazaar/vc-bitstring-status-list's checkStatus) reads that one entry: a revoked certificate is revoked.
import { VcEnvironment } from '../src/credentials/vc-environment.service.js';
import { buildClrCredential } from '../src/credentials/vc/clr.js';
import type { JsonObject } from '../src/credentials/vc/issuer.js';
import { buildStatusEntry } from '../src/credentials/vc/status-list.js';
import { verifyWithStockLibraries } from '../src/credentials/vc/stock-verification.js';
import { schemaErrors, validators } from './support/credential-schema.js';
import { issueEveryKind, type IssuedCredential } from './support/every-credential-kind.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;

const isOpenBadge = (credential: Json): boolean =>
  [credential.type].flat().some((type) => type === 'OpenBadgeCredential' || type === 'AchievementCredential');

describe('credentials we issue pass the 1EdTech JSON Schemas', () => {
  let ctx: TestApp;
  let issued: IssuedCredential[];
  const credential = (name: string): Json => issued.find((one) => one.name === name)!.credential;

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0', VC_API_ISSUANCE: 'true' });
    issued = await issueEveryKind(ctx);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('every Open Badges credential kind passes the AchievementCredential schema', () => {
    const badges = issued.filter((one) => isOpenBadge(one.credential));
    // Certificates (active, revoked, suspended, expired, not yet valid) and diplomas (both proofs, lead's only, one dropped).
    expect(badges.length).toBe(8);
    expect(badges.map((one) => [one.name, schemaErrors(validators.achievement, one.credential)])).toEqual(
      badges.map((one) => [one.name, []]),
    );
  });

  it('every credential carries one credentialStatus object, the revocation entry', () => {
    for (const { name, credential: vc } of issued) {
      expect([name, Array.isArray(vc.credentialStatus), vc.credentialStatus?.statusPurpose]).toEqual([name, false, 'revocation']);
    }
  });

  it('the VC-API attestations pass the CLR schema’s VerifiableCredential definition (what a CLR embeds)', () => {
    const attestations = issued.filter((one) => !isOpenBadge(one.credential));
    expect(attestations.length).toBe(4);
    expect(attestations.map((one) => [one.name, schemaErrors(validators.embeddedCredential, one.credential)])).toEqual(
      attestations.map((one) => [one.name, []]),
    );
  });

  it('a CLR 2.0 record of our certificate and diploma passes the ClrCredential schema', () => {
    // The API issues no CLR yet: the record is built with our CLR builder around the credentials the API issued.
    const certificate = credential('active certificate');
    const diploma = credential('co-accredited diploma');
    const record = buildClrCredential({
      id: 'urn:uuid:5f0c1b8e-3f7a-4b8e-9a51-2c1d0e7b6a01',
      name: 'Relevé de compétences — Nadia Benkhelifa',
      issuer: { id: certificate.issuer.id, name: certificate.issuer.name },
      subject: { identifier: certificate.credentialSubject.identifier },
      credentials: [certificate, diploma],
      validFrom: certificate.validFrom,
      partial: true,
    });
    expect(schemaErrors(validators.clr, record)).toEqual([]);
  });

  it('the two status entries we wrote before fail both schemas at credentialStatus', () => {
    const certificate = credential('active certificate');
    const entry = certificate.credentialStatus as Json;
    const suspension = buildStatusEntry({
      statusListCredential: entry.statusListCredential.replace(/\/revocation$/, '/suspension'),
      statusListIndex: Number(entry.statusListIndex),
      statusPurpose: 'suspension',
    });
    const twoEntries = { ...certificate, credentialStatus: [entry, suspension] };
    expect(schemaErrors(validators.achievement, twoEntries)).toEqual(['/credentialStatus: must be object']);
    const record = buildClrCredential({
      id: 'urn:uuid:5f0c1b8e-3f7a-4b8e-9a51-2c1d0e7b6a02',
      name: 'Relevé',
      issuer: { id: certificate.issuer.id, name: certificate.issuer.name },
      subject: { identifier: certificate.credentialSubject.identifier },
      credentials: [twoEntries],
      validFrom: certificate.validFrom,
    });
    expect(schemaErrors(validators.clr, record)).toContain('/credentialSubject/verifiableCredential/0/credentialStatus: must be object');
    expect(
      schemaErrors(validators.clr, {
        ...record,
        credentialSubject: { ...(record.credentialSubject as Json), verifiableCredential: [certificate] },
      }),
    ).toEqual([]);
  });

  describe('the stock @digitalbazaar/vc verifier with vc-bitstring-status-list’s checkStatus', () => {
    /** Our document loader (contexts, our schools' DID documents), and our status lists fetched over HTTP like any verifier. */
    const loader = () => {
      const { documentLoader } = ctx.app.get(VcEnvironment);
      const lists = `${ctx.config.publicBaseUrl}/status-lists/`;
      return async (url: string) => {
        if (!url.startsWith(lists)) return documentLoader(url);
        const response = await ctx.http.get(new URL(url).pathname).expect(200);
        return { contextUrl: null, documentUrl: url, document: response.body as JsonObject };
      };
    };

    // checkStatus answers `verified` for a list it could read and verify, and the bit of each entry beside it: a
    // verifier built on it (DCC verifier-core is) reads the revocation bit.
    it('sees our active certificate as valid, its revocation bit read and clear', async () => {
      const verdict = await verifyWithStockLibraries({ credential: credential('active certificate'), documentLoader: loader() });
      expect(verdict).toEqual({ verified: true, proofs: true, statusRead: true, bits: { revocation: false }, errors: [] });
    });

    it('sees our revoked certificate as revoked', async () => {
      const verdict = await verifyWithStockLibraries({ credential: credential('revoked certificate'), documentLoader: loader() });
      expect(verdict).toEqual({ verified: true, proofs: true, statusRead: true, bits: { revocation: true }, errors: [] });
    });

    it('sees a revoked VC-API attestation as revoked, a current one as not', async () => {
      expect(
        (await verifyWithStockLibraries({ credential: credential('revoked VC-API attestation'), documentLoader: loader() })).bits,
      ).toEqual({ revocation: true });
      expect((await verifyWithStockLibraries({ credential: credential('VC-API attestation'), documentLoader: loader() })).bits).toEqual({
        revocation: false,
      });
    });

    // The one entry is the revocation one: suspension is our verifier's to read, beside it (status-lists spec).
    it('sees a suspended certificate as not revoked', async () => {
      expect((await verifyWithStockLibraries({ credential: credential('suspended certificate'), documentLoader: loader() })).bits).toEqual({
        revocation: false,
      });
    });
  });
});
