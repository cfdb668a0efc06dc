import { gzipSync } from 'node:zlib';
import {
  MIN_STATUS_LIST_LENGTH,
  buildStatusEntry,
  buildStatusListCredential,
  createStatusList,
  decodeStatusList,
  encodeStatusList,
  getStatus,
  pickRandomFreeIndex,
  setStatus,
} from './status-list.js';

describe('Bitstring Status List', () => {
  it('starts with 131,072 clear entries', () => {
    const list = createStatusList();
    expect(list.length).toBe(131_072);
    expect(list.bytes).toHaveLength(16_384);
    expect(getStatus(list, 0)).toBe(false);
    expect(getStatus(list, 131_071)).toBe(false);
  });

  it('refuses lists shorter than the minimum or not made of whole bytes', () => {
    expect(() => createStatusList({ length: 1024 })).toThrow(`at least ${MIN_STATUS_LIST_LENGTH}`);
    expect(() => createStatusList({ length: MIN_STATUS_LIST_LENGTH + 3 })).toThrow();
  });

  it('numbers bits from the left of the first byte, as the spec says', () => {
    const list = setStatus(createStatusList(), 0, true);
    expect(list.bytes[0]).toBe(0x80);
    expect(setStatus(createStatusList(), 9, true).bytes[1]).toBe(0x40);
  });

  it('sets and clears an entry without changing the original list', () => {
    const empty = createStatusList();
    const revoked = setStatus(empty, 4_242, true);
    expect(getStatus(revoked, 4_242)).toBe(true);
    expect(getStatus(empty, 4_242)).toBe(false);
    expect(getStatus(setStatus(revoked, 4_242, false), 4_242)).toBe(false);
  });

  it('round-trips 131,072 entries through GZIP + multibase base64url', () => {
    let list = createStatusList();
    for (const index of [0, 7, 8, 4_242, 65_535, 131_071]) list = setStatus(list, index, true);
    const encoded = encodeStatusList(list);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(200); // a sparse list compresses to almost nothing
    const decoded = decodeStatusList(encoded);
    expect(decoded.length).toBe(131_072);
    expect(Buffer.from(decoded.bytes).equals(Buffer.from(list.bytes))).toBe(true);
  });

  it('refuses encodings that are not multibase base64url GZIP, too short, or inflate too far', () => {
    expect(() => decodeStatusList('H4sIAAAAAAAAA')).toThrow('multibase base64url');
    expect(() => decodeStatusList('unot-gzip')).toThrow('not GZIP');
    expect(() => decodeStatusList(`u${gzipSync(new Uint8Array(100)).toString('base64url')}`)).toThrow('at least 131072 entries');
    const bomb = `u${gzipSync(new Uint8Array(64 * 1024 * 1024)).toString('base64url')}`;
    expect(() => decodeStatusList(bomb)).toThrow('not GZIP data of at most');
  });

  it('refuses an index outside the list', () => {
    expect(() => getStatus(createStatusList(), 131_072)).toThrow('outside 0..131071');
    expect(() => setStatus(createStatusList(), -1, true)).toThrow();
  });

  it('builds the status list credential and a credential entry', () => {
    const url = 'https://competences.example.org/status-lists/ensm-alger/revocation/1';
    const encodedList = encodeStatusList(createStatusList());
    expect(
      buildStatusListCredential({
        id: url,
        issuer: 'did:web:example.org:issuers:ensm-alger',
        statusPurpose: 'revocation',
        encodedList,
        validFrom: '2026-06-01T00:00:00Z',
      }),
    ).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: 'did:web:example.org:issuers:ensm-alger',
      validFrom: '2026-06-01T00:00:00Z',
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList },
    });
    expect(buildStatusEntry({ statusListCredential: url, statusListIndex: 94_567, statusPurpose: 'revocation' })).toEqual({
      id: `${url}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: url,
    });
  });
});

describe('pickRandomFreeIndex', () => {
  it('picks a random index that is not used', async () => {
    const used = new Set([1, 2, 3]);
    const index = await pickRandomFreeIndex({ isUsed: (i) => used.has(i) });
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(MIN_STATUS_LIST_LENGTH);
    expect(used.has(index)).toBe(false);
  });

  it('still finds the last free index of a nearly full list', async () => {
    const index = await pickRandomFreeIndex({ length: 1_000, isUsed: (i) => i !== 777 });
    expect(index).toBe(777);
  });

  it('says when the list is full', async () => {
    await expect(pickRandomFreeIndex({ length: 64, isUsed: () => true })).rejects.toMatchObject({ code: 'LIST_FULL' });
  });

  it('accepts an asynchronous predicate (e.g. a database look-up)', async () => {
    const draws = [5, 5, 9];
    const index = await pickRandomFreeIndex({ length: 10, isUsed: async (i) => i === 5, randomInt: () => draws.shift() ?? 0 });
    expect(index).toBe(9);
  });
});
