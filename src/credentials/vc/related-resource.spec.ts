import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { generateDidKeyPair, type IssuerKeyPair } from './keys.js';
import { createResourceFetcher, relatedResourceProblems, relatedResourceShapeProblems } from './related-resource.js';
import { verifyCredential } from './verifier.js';

// The resource (a course syllabus) is served by a local server: the fetcher is allowed plain HTTP and loopback only
// here, under a fake host name that only the injected lookup knows, as in status-list-fetcher.spec.ts.
describe('relatedResource', () => {
  const syllabus = Buffer.from('Module GC-SSE : plan blanc, cellule de crise, retour d’expérience (35 h).\n', 'utf8');
  const sha384 = createHash('sha384').update(syllabus).digest();
  const sha256 = createHash('sha256').update(syllabus).digest();
  const digestSRI = `sha384-${sha384.toString('base64')}`;
  const digestMultibase = `u${Buffer.concat([Buffer.from([0x12, 0x20]), sha256]).toString('base64url')}`;
  let server: http.Server;
  let base: string;
  let fetchResource: ReturnType<typeof createResourceFetcher>;
  let school: IssuerKeyPair;
  const documentLoader = createDocumentLoader();

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      if (request.url === '/syllabus.txt') response.writeHead(200, { 'content-type': 'text/plain' }).end(syllabus);
      else if (request.url === '/huge') response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5_000));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://resources.ensm-alger.test:${(server.address() as AddressInfo).port}`;
    fetchResource = createResourceFetcher({
      allowHttp: true,
      refuseAddress: () => undefined,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      maxBytes: 1_000,
    });
    school = await generateDidKeyPair({ seed: createHash('sha256').update('related:ensm').digest() });
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses entries that are strings, lack an id, repeat an id, or carry no (or a malformed) digest', () => {
    const id = 'https://ensm-alger.example/syllabus.txt';
    const reasons = (value: unknown) => relatedResourceShapeProblems(value).map((problem) => `${problem.field}: ${problem.reason}`);
    expect(reasons([id])).toEqual(['relatedResource[0]: must be an object with an id and a digest']);
    expect(reasons({ digestSRI })).toEqual(['relatedResource.id: must be the URL of the resource']);
    expect(
      reasons([
        { id, digestSRI },
        { id, digestSRI },
      ]),
    ).toEqual([`relatedResource[1].id: ${id} is listed twice`]);
    expect(reasons({ id })).toEqual(['relatedResource: needs digestSRI or digestMultibase']);
    expect(reasons({ id, digestSRI: 'md5-abc' })[0]).toMatch(/digestSRI: must be sha256-/);
    expect(reasons({ id, digestMultibase: 'zNotAMultihash0' })[0]).toMatch(/digestMultibase/);
    expect(reasons({ id, digestSRI, digestMultibase })).toEqual([]);
  });

  it('checks each digest against the fetched bytes', async () => {
    const id = `${base}/syllabus.txt`;
    expect(await relatedResourceProblems({ id, digestSRI, digestMultibase }, fetchResource)).toEqual([]);
    const wrong = `sha384-${createHash('sha384').update('autre programme').digest('base64')}`;
    expect(await relatedResourceProblems([{ id, digestSRI: wrong }], fetchResource)).toEqual([
      { field: 'relatedResource[0].digestSRI', reason: expect.stringContaining('does not match the sha384 digest') },
    ]);
    expect(await relatedResourceProblems({ id: `${base}/huge`, digestSRI }, fetchResource)).toEqual([
      { field: 'relatedResource.id', reason: expect.stringContaining('more than 1000 bytes') },
    ]);
    // The stock bounds refuse plain HTTP and loopback: what a credential names is never fetched from our network.
    expect((await relatedResourceProblems({ id, digestSRI }, createResourceFetcher()))[0].reason).toContain('only https is fetched');
  });

  it('makes the verifier refuse a signed credential whose related resource has another digest, and accept the right one', async () => {
    const signed = (relatedResource: unknown) =>
      issueCredential({
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential'],
          issuer: school.controller,
          credentialSubject: { id: 'did:example:nadia-benkhelifa', name: 'Nadia Benkhelifa' },
          relatedResource,
        } as JsonObject,
        signer: { keyPair: school },
        documentLoader,
      });
    const good = await verifyCredential({
      credential: await signed({ id: `${base}/syllabus.txt`, digestSRI }),
      documentLoader,
      fetchResource,
    });
    expect(good.errors).toEqual([]);
    const bad = await verifyCredential({
      credential: await signed({
        id: `${base}/syllabus.txt`,
        digestMultibase: `u${Buffer.concat([Buffer.from([0x12, 0x20]), Buffer.alloc(32)]).toString('base64url')}`,
      }),
      documentLoader,
      fetchResource,
    });
    expect(bad.errors.map((error) => error.code)).toEqual(['RELATED_RESOURCE_MISMATCH']);
    const noDigest = await verifyCredential({
      credential: await signed({ id: `${base}/syllabus.txt`, mediaType: 'text/plain' }),
      documentLoader,
      fetchResource,
    });
    expect(noDigest.errors.map((error) => error.code)).toEqual(['RELATED_RESOURCE_INVALID']);
  });
});
