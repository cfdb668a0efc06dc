// A verifier we do not write: the Digital Credentials Consortium's verifier-core (what its wallet and VerifierPlus use)
// must accept the certificates and diplomas we issue, and see a revocation. It fetches with the global fetch (did:web
// documents, status lists); this spec answers the URLs of our own deployment from the app in process and refuses
// every other URL, so it runs offline. verifier-core's contexts are bundled in its own document loader. Its one check
// that needs the network is the Open Badges JSON Schema (fetched from purl.imsglobal.org): refused here, it lands in
// verifier-core's additionalInformation, which says nothing of the signature, dates or status. The schemas are checked
// on their own, against our bundled copies, in credential-schemas.e2e-spec.ts.
import { jest } from '@jest/globals';
import { verifyCredential } from '@digitalcredentials/verifier-core';
import { issueEveryKind, type IssuedCredential } from './support/every-credential-kind.js';
import { startTestApp, type TestApp } from './support/test-app.js';

type Json = Record<string, any>;

describe('the DCC verifier-core verifies what we issue', () => {
  let ctx: TestApp;
  let issued: IssuedCredential[];
  const realFetch = globalThis.fetch;
  const refused: string[] = [];

  beforeAll(async () => {
    ctx = await startTestApp({ VERIFY_RATE_LIMIT: '0', VC_API_ISSUANCE: 'true' });
    issued = await issueEveryKind(ctx);
    // verifier-core logs the schema it could not fetch on every verification; the rest of the console stays.
    for (const method of ['log', 'error'] as const) {
      const original = console[method].bind(console);
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        if (!args.some((arg) => /schema/i.test(String(arg)))) original(...args);
      });
    }
    const ours = new URL(ctx.config.publicBaseUrl).origin;
    globalThis.fetch = async (input: string | URL | Request) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.origin !== ours) {
        refused.push(url.href);
        throw new TypeError(`offline test: no network for ${url.href}`);
      }
      // Through supertest: Fastify's inject needs an ESM-only package that Jest's CommonJS runtime cannot load.
      const answer = await ctx.http.get(`${url.pathname}${url.search}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) headers.set(name, String(value));
      return new Response(answer.text, { status: answer.status, headers });
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
    await ctx?.close();
  });

  const credential = (name: string): Json => issued.find((one) => one.name === name)!.credential;
  /** verifier-core's steps by id (valid_signature, expiration, revocation_status…), or its fatal errors. */
  async function steps(vc: Json): Promise<{ errors?: unknown; valid: Record<string, boolean | undefined> }> {
    // Our credentials are VC 2.0 JSON; verifier-core's Credential type is a narrower description of the same.
    const result: any = await verifyCredential({
      credential: vc as Parameters<typeof verifyCredential>[0]['credential'],
      knownDIDRegistries: [],
    });
    const valid = Object.fromEntries((result.log ?? []).map((step: Json) => [step.id, step.error ? undefined : step.valid]));
    return { ...(result.errors ? { errors: result.errors.map((error: Json) => `${error.name}: ${error.message}`) } : {}), valid };
  }

  // Our schools are in no DCC registry (knownDIDRegistries: []), so registered_issuer is false: not asserted.
  it('accepts a genuine certificate: signature, expiration and status', async () => {
    const result = await steps(credential('active certificate'));
    expect(result).toMatchObject({ valid: { valid_signature: true, expiration: true, revocation_status: true } });
    expect(result.errors).toBeUndefined();
  });

  // The diploma carries one proof, by its issuer, over the partner's embedded EndorsementCredential: verifier-core
  // checks that proof (and so that no endorsement was removed or altered) and each endorsement on its own. That each
  // awarding school endorsed this very diploma is our own verifier's to require (test/endorsements.e2e-spec.ts).
  it('accepts a co-accredited diploma and its endorsement; refuses the diploma with its endorsement dropped', async () => {
    const diploma = credential('co-accredited diploma');
    const result = await steps(diploma);
    expect(result).toMatchObject({ valid: { valid_signature: true, expiration: true, revocation_status: true } });
    expect(result.errors).toBeUndefined();
    const endorsement = await steps(diploma.endorsement[0]);
    expect(endorsement).toMatchObject({ valid: { valid_signature: true, expiration: true } });
    expect(endorsement.errors).toBeUndefined();
    expect((await steps(credential('diploma with its endorsement dropped'))).valid.valid_signature).not.toBe(true);
  });

  it('sees that a revoked certificate is revoked and an expired one expired', async () => {
    expect((await steps(credential('revoked certificate'))).valid).toMatchObject({ valid_signature: true, revocation_status: false });
    expect((await steps(credential('expired certificate'))).valid).toMatchObject({ valid_signature: true, expiration: false });
  });

  // The one entry a credential carries (the OB 3.0 schema allows a single credentialStatus) is the revocation one:
  // a stock verifier reads that list only. The suspension list beside it is our verifier's to read.
  it('sees a suspended certificate as not revoked: suspension is for our verifier', async () => {
    const { valid } = await steps(credential('suspended certificate'));
    expect(valid).toMatchObject({ valid_signature: true, revocation_status: true });
    expect(valid.suspension_status).toBeUndefined();
  });

  it('fetched nothing outside our own deployment but the schemas it checks against', () => {
    expect(refused.filter((url) => !url.includes('/schema/'))).toEqual([]);
  });
});
