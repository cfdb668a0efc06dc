import type { DocumentLoader } from './document-loader.js';
import { type JsonObject, issueCredential } from './issuer.js';
import { createStatusChecker } from './status-check.js';
import {
  buildStatusEntry,
  buildStatusListCredential,
  createStatusList,
  encodeStatusList,
  setStatus,
  type StatusList,
} from './status-list.js';
import { TtlCache } from './ttl-cache.js';
import {
  type TestSchool,
  newCrisisManagementCertificate,
  newDocumentLoader,
  newEhespRennes,
  newEnsmAlger,
  newLearner,
} from './vc-test-factory.js';
import { SourceUnavailableError } from './verification-problems.js';
import { verifyCredential } from './verifier.js';

const NOW = '2026-09-01T10:00:00Z';
const LIST_URL = 'https://competences.example.org/status-lists/ensm-alger/revocation/1';
const REVOKED_INDEX = 94_567;

describe('Bitstring Status List checking', () => {
  let ensm: TestSchool;
  let ehesp: TestSchool;
  let learnerDid: string;
  let documentLoader: DocumentLoader;
  let published: Map<string, JsonObject>;

  const signedList = async (
    school: TestSchool,
    revoked: number[],
    overrides: Partial<Parameters<typeof buildStatusListCredential>[0]> = {},
  ): Promise<JsonObject> => {
    const list = revoked.reduce((current, index) => setStatus(current, index, true), createStatusList());
    const credential = buildStatusListCredential({
      id: LIST_URL,
      issuer: school.did,
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(list),
      validFrom: '2026-06-01T00:00:00Z',
      ...overrides,
    });
    return issueCredential({ credential, signer: { keyPair: school.keyPair }, documentLoader, date: '2026-08-01T00:00:00Z' });
  };
  const certificateAt = (index: number, statusPurpose: 'revocation' | 'suspension' = 'revocation'): Promise<JsonObject> =>
    issueCredential({
      credential: newCrisisManagementCertificate({
        school: ensm,
        learnerDid,
        credentialStatus: buildStatusEntry({ statusListCredential: LIST_URL, statusListIndex: index, statusPurpose }),
      }),
      signer: { keyPair: ensm.keyPair },
      documentLoader,
      date: '2026-06-30T08:00:00Z',
    });
  const verify = (credential: JsonObject): ReturnType<typeof verifyCredential> =>
    verifyCredential({
      credential,
      documentLoader,
      now: NOW,
      checkStatus: createStatusChecker({
        documentLoader,
        fetchStatusListCredential: async (url) => {
          const list = published.get(url);
          if (!list) throw new Error('404');
          return list;
        },
      }),
    });

  beforeAll(async () => {
    [ensm, ehesp] = await Promise.all([newEnsmAlger(), newEhespRennes()]);
    learnerDid = (await newLearner()).did;
    documentLoader = newDocumentLoader({ didDocuments: [ensm.didDocument, ehesp.didDocument] });
  });

  beforeEach(async () => {
    published = new Map([[LIST_URL, await signedList(ensm, [REVOKED_INDEX])]]);
  });

  it('accepts a certificate whose entry is clear', async () => {
    const report = await verify(await certificateAt(12));
    expect(report.verified).toBe(true);
    expect(report.status).toEqual({
      checked: true,
      verified: true,
      entries: [
        {
          type: 'BitstringStatusListEntry',
          statusPurpose: 'revocation',
          statusListIndex: '12',
          statusListCredential: LIST_URL,
          status: 'clear',
        },
      ],
    });
  });

  it('refuses a revoked certificate', async () => {
    const report = await verify(await certificateAt(REVOKED_INDEX));
    expect(report.verified).toBe(false);
    expect(report.proofs[0].verified).toBe(true);
    expect(report.errors).toEqual([
      { code: 'REVOKED', message: `revoked by its issuer (status list ${LIST_URL}, index ${REVOKED_INDEX})` },
    ]);
  });

  it('refuses a status list whose own proof does not verify', async () => {
    // Someone (a cache, a mirror) serving the signed list with the revocation bit cleared: the signature breaks.
    const list = published.get(LIST_URL) as JsonObject;
    const subject = list.credentialSubject as JsonObject;
    published.set(LIST_URL, { ...list, credentialSubject: { ...subject, encodedList: encodeStatusList(createStatusList()) } });
    const report = await verify(await certificateAt(REVOKED_INDEX));
    expect(report.verified).toBe(false);
    expect(report.errors[0].code).toBe('STATUS_CHECK_FAILED');
    expect(report.errors[0].message).toContain('does not verify');
  });

  it("refuses a status list signed by another school than the credential's issuer", async () => {
    published.set(LIST_URL, await signedList(ehesp, []));
    const report = await verify(await certificateAt(12));
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'STATUS_CHECK_FAILED',
        message: `the status list is issued by ${ehesp.did}, not by the credential's issuer`,
      }),
    ]);
  });

  it('refuses a list whose purpose differs from the entry, and a list that cannot be fetched', async () => {
    expect((await verify(await certificateAt(12, 'suspension'))).errors[0].message).toBe(
      'the status list is for revocation, the entry for suspension',
    );
    published.clear();
    expect((await verify(await certificateAt(12))).errors[0].message).toBe(`cannot fetch the status list ${LIST_URL}: 404`);
  });

  it('reports a suspended certificate as suspended', async () => {
    published.set(LIST_URL, await signedList(ensm, [7], { statusPurpose: 'suspension' }));
    const report = await verify(await certificateAt(7, 'suspension'));
    expect(report.errors.map((e) => e.code)).toEqual(['SUSPENDED']);
  });

  it("checks a list's proof once per content, and its validity period at every check", async () => {
    const verifiedLists = new TtlCache<StatusList>({ maxEntries: 10, ttlMs: 60_000 });
    let didLoads = 0;
    const countingLoader: DocumentLoader = async (url) => {
      if (url.startsWith('did:')) didLoads++;
      return documentLoader(url);
    };
    const checkStatus = createStatusChecker({
      documentLoader: countingLoader,
      verifiedLists,
      fetchStatusListCredential: async (url) => structuredClone(published.get(url)),
    });
    published.set(LIST_URL, await signedList(ensm, [REVOKED_INDEX], { validUntil: '2026-09-01T12:00:00Z' }));
    const certificate = await certificateAt(12);

    expect((await checkStatus({ credential: certificate, now: new Date(NOW) })).verified).toBe(true);
    expect(didLoads).toBeGreaterThan(0);
    didLoads = 0;
    expect((await checkStatus({ credential: certificate, now: new Date(NOW) })).verified).toBe(true);
    expect(didLoads).toBe(0);

    // Past its validUntil, the very same list no longer passes.
    const late = await checkStatus({ credential: certificate, now: new Date('2026-09-02T00:00:00Z') });
    expect(late.verified).toBe(false);
    expect(late.entries[0].problem?.message).toMatch(/does not verify: expired at 2026-09-01T12:00:00Z/);

    // A revocation is a new list: verified anew, and it shows at once.
    published.set(LIST_URL, await signedList(ensm, [REVOKED_INDEX, 12], { validUntil: '2026-09-01T12:00:00Z' }));
    const revoked = await checkStatus({ credential: certificate, now: new Date(NOW) });
    expect(didLoads).toBeGreaterThan(0);
    expect(revoked.entries[0].status).toBe('set');

    // A tampered copy of a list that verified is not taken for it.
    const list = published.get(LIST_URL) as JsonObject;
    published.set(LIST_URL, {
      ...list,
      credentialSubject: { ...(list.credentialSubject as JsonObject), encodedList: encodeStatusList(createStatusList()) },
    });
    const tampered = await checkStatus({ credential: certificate, now: new Date(NOW) });
    expect(tampered.entries[0].problem?.message).toContain('does not verify');
  });

  it('does not follow the status URL of a credential that does not verify', async () => {
    const certificate = await certificateAt(12);
    let fetched = false;
    const report = await verifyCredential({
      credential: { ...certificate, name: 'Certificat falsifié' },
      documentLoader,
      now: NOW,
      checkStatus: createStatusChecker({
        documentLoader,
        fetchStatusListCredential: async () => {
          fetched = true;
          return {};
        },
      }),
    });
    expect(report.verified).toBe(false);
    expect(fetched).toBe(false);
    expect(report.status?.checked).toBe(false);
  });
  describe('the suspension list an issuer publishes beside its revocation list', () => {
    const SUSPENSION_URL = LIST_URL.replace('/revocation/', '/suspension/');
    const asked: string[] = [];
    const checker = (beside: (url: string) => Promise<string | null>) =>
      createStatusChecker({
        documentLoader,
        fetchStatusListCredential: async (url) => published.get(url) ?? Promise.reject(new Error('404')),
        suspensionListBeside: async (url) => {
          asked.push(url);
          return beside(url);
        },
      });
    const ours = async (url: string) => (url === LIST_URL ? SUSPENSION_URL : null);
    beforeEach(async () => {
      asked.length = 0;
      published.set(SUSPENSION_URL, await signedList(ensm, [12], { id: SUSPENSION_URL, statusPurpose: 'suspension' }));
    });

    it('is read at the revocation entry’s index when the credential names no suspension entry', async () => {
      const credential = await certificateAt(12);
      const report = await checker(ours)({ credential, now: new Date(NOW) });
      expect(asked).toEqual([LIST_URL]);
      expect(report.verified).toBe(false);
      expect(
        report.entries.map((entry) => [
          entry.statusPurpose,
          entry.status,
          entry.statusListIndex,
          entry.implied ?? false,
          entry.problem?.code,
        ]),
      ).toEqual([
        ['revocation', 'clear', '12', false, undefined],
        ['suspension', 'set', '12', true, 'SUSPENDED'],
      ]);
      expect((await checker(ours)({ credential: await certificateAt(13), now: new Date(NOW) })).verified).toBe(true);
    });

    it('is not looked for when the credential has its own suspension entry, nor for a list the caller did not publish', async () => {
      const revocation = buildStatusEntry({ statusListCredential: LIST_URL, statusListIndex: 12, statusPurpose: 'revocation' });
      const suspension = buildStatusEntry({ statusListCredential: SUSPENSION_URL, statusListIndex: 12, statusPurpose: 'suspension' });
      const both = await issueCredential({
        credential: newCrisisManagementCertificate({ school: ensm, learnerDid, credentialStatus: [revocation, suspension] }),
        signer: { keyPair: ensm.keyPair },
        documentLoader,
        date: '2026-06-30T08:00:00Z',
      });
      const report = await checker(ours)({ credential: both, now: new Date(NOW) });
      expect(asked).toEqual([]);
      expect(report.entries.map((entry) => [entry.statusPurpose, entry.status, entry.implied])).toEqual([
        ['revocation', 'clear', undefined],
        ['suspension', 'set', undefined],
      ]);
      const foreign = await checker(async () => null)({ credential: await certificateAt(12), now: new Date(NOW) });
      expect(foreign.entries.map((entry) => entry.statusPurpose)).toEqual(['revocation']);
      expect(foreign.verified).toBe(true);
    });

    it('is looked for only once the revocation list verified, and an outage makes it unavailable, not clear', async () => {
      published.delete(LIST_URL);
      const unread = await checker(ours)({ credential: await certificateAt(12), now: new Date(NOW) });
      expect(asked).toEqual([]);
      expect(unread.entries.map((entry) => entry.statusPurpose)).toEqual(['revocation']);
      published.set(LIST_URL, await signedList(ensm, []));
      const outage = await checker(async () => {
        throw new SourceUnavailableError('database down');
      })({ credential: await certificateAt(12), now: new Date(NOW) });
      expect(outage.verified).toBe(false);
      expect(outage.entries[1]).toMatchObject({
        statusPurpose: 'suspension',
        status: 'unavailable',
        implied: true,
        problem: { code: 'STATUS_UNAVAILABLE' },
      });
    });
  });
});
