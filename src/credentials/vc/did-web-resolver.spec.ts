import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundFetchError } from './bounded-fetch.js';
import { createDidWebResolver, fetchDidWebDocument } from './did-web-resolver.js';
import { didWebFromLocation } from './dids.js';
import { newEnsmAlger } from './vc-test-factory.js';

// The resolver refuses loopback addresses, so these tests relax the address rule (and allow plain HTTP) to reach a
// local server. The host name is fake and only the injected lookup knows it: reaching the server at all proves the
// connection goes to the checked address, not to a second DNS answer.
describe('did:web resolution against a local server', () => {
  let server: http.Server;
  let port: number;
  let requests: string[];
  let routes: Record<string, (response: http.ServerResponse) => void>;
  const local = { allowHttp: true, refuseAddress: () => undefined, lookup: async () => [{ address: '127.0.0.1', family: 4 }] };
  const didAt = (...path: string[]): string => didWebFromLocation({ host: 'issuers.test', port, path });

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      const route = routes[request.url ?? ''];
      if (route) route(response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(async () => {
    requests = [];
    const ensm = await newEnsmAlger();
    const did = didAt('issuers', 'ensm-alger');
    const document = { ...ensm.didDocument, id: did };
    const json =
      (body: unknown, type = 'application/did+json') =>
      (response: http.ServerResponse) =>
        response.writeHead(200, { 'content-type': type }).end(JSON.stringify(body));
    routes = {
      '/issuers/ensm-alger/did.json': json(document),
      '/issuers/moved/did.json': (response) => response.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data' }).end(),
      '/issuers/html/did.json': json(document, 'text/html'),
      '/issuers/impostor/did.json': json(document),
      '/issuers/huge/did.json': (response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"id":"');
        const chunk = 'x'.repeat(10_000);
        for (let i = 0; i < 20; i += 1) response.write(chunk);
        response.end('"}');
      },
      '/issuers/slow/did.json': (response) => {
        setTimeout(() => json(document)(response), 1_000).unref();
      },
    };
  });

  it('fetches, checks and returns the DID document', async () => {
    const did = didAt('issuers', 'ensm-alger');
    const document = await fetchDidWebDocument(did, local);
    expect(document.id).toBe(did);
    expect(requests).toEqual(['/issuers/ensm-alger/did.json']);
  });

  it.each([
    ['moved', 'REDIRECT'],
    ['html', 'NOT_JSON'],
    ['missing', 'HTTP_ERROR'],
    ['impostor', 'ID_MISMATCH'],
    ['huge', 'TOO_LARGE'],
  ])('refuses the %s document (%s)', async (slug, code) => {
    await expect(fetchDidWebDocument(didAt('issuers', slug), local)).rejects.toMatchObject({ code });
  });

  it('gives up after the timeout', async () => {
    await expect(fetchDidWebDocument(didAt('issuers', 'slow'), { ...local, timeoutMs: 150 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('caches documents for their time to live, and shares one request between concurrent look-ups', async () => {
    let clock = 0;
    const resolve = createDidWebResolver({ ...local, cacheTtlMs: 60_000, now: () => clock });
    const did = didAt('issuers', 'ensm-alger');
    await Promise.all([resolve(did), resolve(did)]);
    await resolve(did);
    expect(requests).toHaveLength(1);
    clock = 60_001;
    await resolve(did);
    expect(requests).toHaveLength(2);
  });

  it('hands out copies, so a caller cannot alter what the cache holds', async () => {
    const resolve = createDidWebResolver(local);
    const did = didAt('issuers', 'ensm-alger');
    const first = await resolve(did);
    first.assertionMethod = [];
    expect((await resolve(did)).assertionMethod).toHaveLength(1);
  });
});

describe('did:web host refusals (no request is ever sent)', () => {
  it.each([
    ['a loopback host', [{ address: '127.0.0.1', family: 4 }], 'loopback'],
    ['a private host', [{ address: '10.20.30.40', family: 4 }], 'private'],
    ['a cloud metadata host', [{ address: '169.254.169.254', family: 4 }], 'link-local'],
    ['an IPv4-mapped loopback', [{ address: '::ffff:127.0.0.1', family: 6 }], 'loopback'],
    [
      'a host with one private address among public ones',
      [
        { address: '93.184.215.14', family: 4 },
        { address: 'fd00::7', family: 6 },
      ],
      'unique local (private)',
    ],
  ])('refuses %s', async (_what, addresses, reason) => {
    const attempt = fetchDidWebDocument('did:web:issuers.example.net:issuers:x', { lookup: async () => addresses });
    await expect(attempt).rejects.toBeInstanceOf(OutboundFetchError);
    await expect(attempt).rejects.toMatchObject({ code: 'FORBIDDEN_ADDRESS' });
    await expect(attempt).rejects.toThrow(reason);
  });

  it('refuses localhost through the real system resolver', async () => {
    await expect(fetchDidWebDocument('did:web:localhost%3A8443:issuers:x')).rejects.toMatchObject({ code: 'FORBIDDEN_ADDRESS' });
  });

  it('refuses DIDs that are not did:web or map to no https URL', async () => {
    await expect(fetchDidWebDocument('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).rejects.toMatchObject({
      code: 'INVALID_DID',
    });
    await expect(fetchDidWebDocument('did:web:10.0.0.1')).rejects.toMatchObject({ code: 'INVALID_DID' });
  });

  it('times out a DNS look-up that does not answer', async () => {
    const never = (): Promise<never> => new Promise(() => undefined);
    await expect(fetchDidWebDocument('did:web:issuers.example.net', { lookup: never, timeoutMs: 100 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
  });
});
