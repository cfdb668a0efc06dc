import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStatusListFetcher } from './status-list-fetcher.js';

// Another issuer's status lists, served by a local server: the fetcher is allowed plain HTTP and loopback only here,
// under a fake host name that only the injected lookup knows (reaching the server proves the pinned address is used).
describe('fetching another issuer’s status list', () => {
  let server: http.Server;
  let base: string;
  let requests: string[];
  const list = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: '',
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    credentialSubject: {
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: 'uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA',
    },
  };
  const local = { allowHttp: true, refuseAddress: () => undefined, lookup: async () => [{ address: '127.0.0.1', family: 4 }] };

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/lists/1')
        response.writeHead(200, { 'content-type': 'application/vc+ld+json' }).end(JSON.stringify({ ...list, id: `${base}/lists/1` }));
      else if (request.url === '/lists/page') response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
      else if (request.url === '/lists/moved') response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else if (request.url === '/lists/huge')
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ padding: 'x'.repeat(5_000) }));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://status.issuer.test:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = [];
  });

  it('fetches a list once, then hands out copies of the kept one until its time is up', async () => {
    let clock = 0;
    const fetchList = createStatusListFetcher({ ...local, cacheTtlMs: 60_000, now: () => clock });
    const first = (await fetchList(`${base}/lists/1`)) as typeof list;
    expect(first).toEqual({ ...list, id: `${base}/lists/1` });
    first.credentialSubject.encodedList = 'tampered';
    expect(((await fetchList(`${base}/lists/1`)) as typeof list).credentialSubject.encodedList).toBe(list.credentialSubject.encodedList);
    expect(requests).toEqual(['/lists/1']);
    clock = 60_001;
    await fetchList(`${base}/lists/1`);
    expect(requests).toHaveLength(2);
  });

  it.each([
    ['page', 'NOT_JSON'],
    ['moved', 'REDIRECT'],
    ['missing', 'HTTP_ERROR'],
    ['huge', 'TOO_LARGE'],
  ])('refuses the %s answer (%s)', async (path, code) => {
    await expect(createStatusListFetcher({ ...local, maxBytes: 1_000 })(`${base}/lists/${path}`)).rejects.toMatchObject({ code });
  });

  it('fetches over https only, from public addresses only', async () => {
    await expect(createStatusListFetcher({ lookup: local.lookup })(`${base}/lists/1`)).rejects.toMatchObject({ code: 'INVALID_URL' });
    await expect(createStatusListFetcher({ lookup: local.lookup })('https://status.issuer.test/lists/1')).rejects.toMatchObject({
      code: 'FORBIDDEN_ADDRESS',
    });
    await expect(createStatusListFetcher()('https://user:secret@status.issuer.test/lists/1')).rejects.toMatchObject({
      code: 'INVALID_URL',
    });
    await expect(createStatusListFetcher()('not a url')).rejects.toMatchObject({ code: 'INVALID_URL' });
    expect(requests).toEqual([]);
  });
});
