// Bitstring Status Lists: random index allocation (herd privacy), revocation and suspension published in signed
// status list credentials, who may change a status, and the append-only audit log that records every change.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { jest } from '@jest/globals';
import type { Actor } from '../src/auth/roles.js';
import { openDatabase } from '../src/database/database.js';
import { StatusListsRepository } from '../src/credentials/status/status-lists.repository.js';
import { type AllocatedStatus, STATUS_PURPOSES, StatusListsService } from '../src/credentials/status/status-lists.service.js';
import { VcEnvironment } from '../src/credentials/vc-environment.service.js';
import { issueCredential, type JsonObject } from '../src/credentials/vc/issuer.js';
import { buildAchievementCredential } from '../src/credentials/vc/open-badges.js';
import { createStatusChecker } from '../src/credentials/vc/status-check.js';
import { buildStatusEntry, decodeStatusList, getStatus, MIN_STATUS_LIST_LENGTH } from '../src/credentials/vc/status-list.js';
import { verifyCredential } from '../src/credentials/vc/verifier.js';
import { IssuerIdentityService } from '../src/credentials/issuers/issuer-identity.service.js';
import { Factory, type Person } from './support/factories.js';
import { startAnotherInstance, startTestApp, type TestApp } from './support/test-app.js';

const bearer = { type: 'bearer' as const };
const actorOf = (person: Person, role: Actor['role']): Actor => ({ userId: person.id, role, institutionId: person.institutionId });

/** Helpers bound to one running app: the rows and documents the issuance service would write. */
function issuance(ctx: TestApp) {
  const db = () => ctx.database.dataSource;
  const statusLists = ctx.app.get(StatusListsService);
  const identity = ctx.app.get(IssuerIdentityService);
  const vc = ctx.app.get(VcEnvironment);

  /** A minimal credential row holding the allocated index. */
  async function insertCredential(
    manager: EntityManager,
    institutionId: string,
    status: Pick<AllocatedStatus, 'statusListId' | 'statusListIndex'>,
    document: JsonObject = { type: ['VerifiableCredential'] },
    id = randomUUID(),
  ): Promise<string> {
    await manager.query(
      `INSERT INTO credential (id, kind, state, document, "issuerInstitutionId", "signerInstitutionIds", "statusListId", "statusListIndex", "issuedAt")
       VALUES ($1, 'external', 'issued', $2, $3, $4, $5, $6, now())`,
      [id, document, institutionId, [institutionId], status.statusListId, status.statusListIndex],
    );
    return id;
  }

  /**
   * A signed certificate with its status entry, stored as issued. `legacy`: written as credentials were issued until
   * the OB 3.0 schema fix, with two entries (revocation, then suspension) at the same index; they are in the wild.
   */
  async function issueCertificate(
    institutionId: string,
    { legacy = false } = {},
  ): Promise<{ id: string; credential: JsonObject; status: AllocatedStatus }> {
    return db().transaction(async (manager) => {
      const status = await statusLists.allocate(institutionId, manager);
      const credentialStatus = legacy
        ? STATUS_PURPOSES.map((statusPurpose) =>
            buildStatusEntry({
              statusListCredential: statusLists.listUrl(status.statusListId, statusPurpose),
              statusListIndex: status.statusListIndex,
              statusPurpose,
            }),
          )
        : status.credentialStatus;
      const signer = await identity.unsealedKey(institutionId, manager);
      const id = randomUUID();
      const credential = await issueCredential({
        credential: buildAchievementCredential({
          id: `urn:uuid:${id}`,
          name: 'Certificat — Hygiène hospitalière',
          issuer: { id: signer.did, name: 'École de santé' },
          subject: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
          achievement: {
            id: 'https://competences.test/achievements/hygiene-hospitaliere',
            name: 'Hygiène hospitalière',
            description: 'Prévenir les infections associées aux soins.',
            criteria: { narrative: 'Évaluation pratique validée.' },
            achievementType: 'Certificate',
          },
          validFrom: '2026-06-30T00:00:00Z',
          credentialStatus,
        }),
        signer: signer.signingKey,
        documentLoader: vc.documentLoader,
      });
      await insertCredential(manager, institutionId, status, credential, id);
      return { id, credential, status };
    });
  }

  /** The served status list credential, fetched over HTTP like any verifier would. */
  async function servedList(url: string): Promise<JsonObject> {
    const response = await ctx.http.get(new URL(url).pathname).expect(200);
    return response.body;
  }

  async function bitOf(credential: JsonObject, purpose: 'revocation' | 'suspension'): Promise<boolean> {
    // The one entry is the revocation one; the suspension list is published beside it, at the same index.
    const entries = [credential.credentialStatus].flat() as JsonObject[];
    const entry = entries.find((e) => e.statusPurpose === purpose) ?? entries.find((e) => e.statusPurpose === 'revocation')!;
    const list = await servedList((entry.statusListCredential as string).replace(/\/revocation$/, `/${purpose}`));
    expect((await verifyCredential({ credential: list, documentLoader: vc.documentLoader })).verified).toBe(true);
    return getStatus(decodeStatusList((list.credentialSubject as JsonObject).encodedList as string), Number(entry.statusListIndex));
  }

  /** Error codes of a full verification with our status checker. */
  async function problems(credential: JsonObject): Promise<string[]> {
    return (await verifyCredential({ credential, documentLoader: vc.documentLoader, checkStatus: vc.checkStatus })).errors.map(
      (error) => error.code,
    );
  }

  return { db, statusLists, identity, vc, insertCredential, issueCertificate, servedList, bitOf, problems };
}

describe('status lists', () => {
  let ctx: TestApp;
  let factory: Factory;
  let school: { id: string; slug: string };
  let registrar: Person;
  let otherRegistrar: Person;
  let admin: Person;
  let h: ReturnType<typeof issuance>;
  beforeAll(async () => {
    // No KEY_ENCRYPTION_KEY: the in-memory development key (PGLITE_DIR is not a directory).
    ctx = await startTestApp({ PGLITE_DIR: 'memory://' });
    factory = new Factory(ctx);
    h = issuance(ctx);
    school = await factory.newInstitution();
    registrar = await factory.newUser('registrar', school.id);
    otherRegistrar = await factory.newUser('registrar', (await factory.newInstitution()).id);
    admin = await factory.admin();
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const db = () => h.db();
  const issueCertificate = (institutionId = school.id) => h.issueCertificate(institutionId);
  const insertCredential: ReturnType<typeof issuance>['insertCredential'] = (...args) => h.insertCredential(...args);
  const bitOf: ReturnType<typeof issuance>['bitOf'] = (...args) => h.bitOf(...args);

  it('hands out 500 distinct random indexes in one transaction and counts them', async () => {
    const fresh = await factory.newInstitution();
    const allocations = await db().transaction(async (manager) => {
      const out: AllocatedStatus[] = [];
      for (let i = 0; i < 500; i += 1) out.push(await h.statusLists.allocate(fresh.id, manager));
      return out;
    });
    const indexes = allocations.map((a) => a.statusListIndex);
    expect(new Set(indexes).size).toBe(500);
    expect(indexes.every((index) => Number.isInteger(index) && index >= 0 && index < MIN_STATUS_LIST_LENGTH)).toBe(true);
    expect(indexes).not.toEqual([...indexes].sort((a, b) => a - b));
    expect(Math.max(...indexes)).toBeGreaterThan(500); // not handed out from the start
    const listIds = new Set(allocations.map((a) => a.statusListId));
    expect(listIds.size).toBe(1);
    const [list] = await db().query(`SELECT size, allocated FROM status_list WHERE "institutionId" = $1`, [fresh.id]);
    expect(list).toEqual({ size: MIN_STATUS_LIST_LENGTH, allocated: 500 });

    const { statusListId, statusListIndex, credentialStatus } = allocations[0];
    expect(credentialStatus).toEqual({
      id: `https://competences.test/status-lists/${statusListId}/revocation#${statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(statusListIndex),
      statusListCredential: `https://competences.test/status-lists/${statusListId}/revocation`,
    });
  });

  it('never gives two concurrent issuances the same index', async () => {
    const fresh = await factory.newInstitution();
    const allocations = await Promise.all(
      Array.from({ length: 20 }, () =>
        db().transaction(async (manager) => {
          const status = await h.statusLists.allocate(fresh.id, manager);
          await insertCredential(manager, fresh.id, status);
          return status;
        }),
      ),
    );
    expect(new Set(allocations.map((a) => `${a.statusListId}:${a.statusListIndex}`)).size).toBe(20);
    const lists = await db().query(`SELECT allocated FROM status_list WHERE "institutionId" = $1`, [fresh.id]);
    expect(lists).toEqual([{ allocated: 20 }]);
  });

  it('opens a new list of at least 131,072 entries when the current one is full', async () => {
    const fresh = await factory.newInstitution();
    const [full] = await db().query(
      `INSERT INTO status_list ("institutionId", size, allocated, "revocationBits", "suspensionBits") VALUES ($1, 8, 8, '\\x00', '\\x00') RETURNING id`,
      [fresh.id],
    );
    const status = await db().transaction((manager) => h.statusLists.allocate(fresh.id, manager));
    expect(status.statusListId).not.toBe(full.id);
    const [opened] = await db().query(`SELECT size, allocated FROM status_list WHERE id = $1`, [status.statusListId]);
    expect(opened).toEqual({ size: MIN_STATUS_LIST_LENGTH, allocated: 1 });
  });

  it('hands out the indexes of a whole bulk chunk at once, going on in a new list when the current one fills', async () => {
    const fresh = await factory.newInstitution();
    const [nearlyFull] = await db().query(
      `INSERT INTO status_list ("institutionId", size, allocated, "revocationBits", "suspensionBits") VALUES ($1, 8, 5, '\\x00', '\\x00') RETURNING id`,
      [fresh.id],
    );
    await db().transaction(async (manager) => {
      for (const index of [0, 3, 6]) await insertCredential(manager, fresh.id, { statusListId: nearlyFull.id, statusListIndex: index });
    });
    const allocations = await db().transaction((manager) => h.statusLists.allocateMany(fresh.id, 10, manager));
    expect(allocations).toHaveLength(10);
    const inFirst = allocations.filter((a) => a.statusListId === nearlyFull.id).map((a) => a.statusListIndex);
    expect(inFirst).toHaveLength(3);
    expect(inFirst.every((index) => ![0, 3, 6].includes(index))).toBe(true);
    expect(new Set(allocations.map((a) => `${a.statusListId}:${a.statusListIndex}`)).size).toBe(10);
    const lists = await db().query(`SELECT size, allocated FROM status_list WHERE "institutionId" = $1 ORDER BY size`, [fresh.id]);
    expect(lists).toEqual([
      { size: 8, allocated: 8 },
      { size: MIN_STATUS_LIST_LENGTH, allocated: 7 },
    ]);
  });

  it('closes a list whose every index is taken even when its counter says otherwise', async () => {
    const fresh = await factory.newInstitution();
    const [crowded] = await db().query(
      `INSERT INTO status_list ("institutionId", size, allocated, "revocationBits", "suspensionBits") VALUES ($1, 8, 0, '\\x00', '\\x00') RETURNING id`,
      [fresh.id],
    );
    await db().transaction(async (manager) => {
      for (let index = 0; index < 8; index += 1)
        await insertCredential(manager, fresh.id, { statusListId: crowded.id, statusListIndex: index });
    });
    const status = await db().transaction((manager) => h.statusLists.allocate(fresh.id, manager));
    expect(status.statusListId).not.toBe(crowded.id);
    expect((await db().query(`SELECT allocated FROM status_list WHERE id = $1`, [crowded.id]))[0].allocated).toBe(8);
  });

  it('publishes a signed, cacheable status list in which a revocation shows at once', async () => {
    const { id, credential, status } = await issueCertificate();
    const url = `/status-lists/${status.statusListId}/revocation`;
    const response = await ctx.http.get(url).expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers['content-type']).toMatch(/^application\/(vc\+ld\+)?json/);
    expect(response.body).toMatchObject({
      id: `https://competences.test${url}`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: await h.identity.issuerDid(school.id),
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    const before = await verifyCredential({ credential, documentLoader: h.vc.documentLoader, checkStatus: h.vc.checkStatus });
    expect(before.errors).toEqual([]);
    expect(before.status?.entries.map((entry) => entry.status)).toEqual(['clear', 'clear']);

    const result = await h.statusLists.changeStatus(id, 'revoke', 'Fraude à l’évaluation constatée', actorOf(registrar, 'registrar'));
    expect(result).toEqual({ credentialId: id, state: 'revoked', statusReason: 'Fraude à l’évaluation constatée' });

    expect(await bitOf(credential, 'revocation')).toBe(true);
    expect(await bitOf(credential, 'suspension')).toBe(false);
    // A checker that knows nothing of our lists reads the one entry the credential carries; ours reads the suspension
    // list beside it too.
    const overHttp = await createStatusChecker({ fetchStatusListCredential: h.servedList, documentLoader: h.vc.documentLoader })({
      credential,
      now: new Date(),
    });
    expect(overHttp.entries.map((entry) => [entry.statusPurpose, entry.status])).toEqual([['revocation', 'set']]);
    const ours = await h.vc.checkStatus({ credential, now: new Date() });
    expect(ours.entries.map((entry) => [entry.statusPurpose, entry.status, entry.implied ?? false])).toEqual([
      ['revocation', 'set', false],
      ['suspension', 'clear', true],
    ]);
    const after = await verifyCredential({ credential, documentLoader: h.vc.documentLoader, checkStatus: h.vc.checkStatus });
    expect(after.verified).toBe(false);
    expect(after.errors.map((error) => error.code)).toEqual(['REVOKED']);
    const [row] = await db().query(`SELECT state, "statusReason" FROM credential WHERE id = $1`, [id]);
    expect(row).toEqual({ state: 'revoked', statusReason: 'Fraude à l’évaluation constatée' });
  });

  it('serves the kept lists of a process from memory until another process changes them, then the change as soon as it commits', async () => {
    const { id, status } = await issueCertificate();
    // Another server process: its own pool, memory of the lists and change feed, on the same database. The embedded
    // database has no other process: there this process's own repository stands in.
    const other =
      ctx.database.kind === 'postgres' ? await openDatabase({ url: ctx.database.url, pgliteDir: 'memory://', poolSize: 2 }) : undefined;
    const otherProcess = new StatusListsRepository(other?.dataSource ?? db(), other?.changes ?? ctx.database.changes);
    const queries = jest.spyOn(other?.dataSource ?? db(), 'query'); // counted, not replaced
    try {
      expect(await (other?.changes ?? ctx.database.changes).listeningNow()).toBe(true);
      const revisionOf = async () =>
        (await db().query(`SELECT revision FROM status_list WHERE id = $1`, [status.statusListId]))[0].revision as number;
      const first = await otherProcess.findSigned(status.statusListId, 'revocation');
      expect(Object.isFrozen(first)).toBe(true);
      const asked = queries.mock.calls.length;
      expect(await otherProcess.findSigned(status.statusListId, 'revocation')).toBe(first); // kept, and the database not asked
      expect(await otherProcess.findSigned(status.statusListId, 'suspension')).toEqual(
        await h.servedList(h.statusLists.listUrl(status.statusListId, 'suspension')),
      );
      expect(queries.mock.calls.length).toBe(asked);
      const before = await revisionOf();

      await h.statusLists.changeStatus(id, 'revoke', 'Fraude à l’évaluation constatée', actorOf(registrar, 'registrar'));
      expect(await revisionOf()).toBe(before + 1);
      // The notification travels from the database to the other process: a few milliseconds at most.
      let after = await otherProcess.findSigned(status.statusListId, 'revocation');
      for (const deadline = Date.now() + 5_000; after === first && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        after = await otherProcess.findSigned(status.statusListId, 'revocation');
      }
      expect(after).not.toEqual(first);
      expect(
        getStatus(decodeStatusList(((after as JsonObject).credentialSubject as JsonObject).encodedList as string), status.statusListIndex),
      ).toBe(true);
      expect(await otherProcess.findSigned(randomUUID(), 'revocation')).toBeUndefined();
    } finally {
      queries.mockRestore();
      await other?.close();
    }
  });

  it('shows a change this process made from its commit on', async () => {
    const { status } = await issueCertificate();
    const repository = new StatusListsRepository(db(), ctx.database.changes);
    const first = (await repository.findSigned(status.statusListId, 'revocation')) as JsonObject;
    expect(await repository.findSigned(status.statusListId, 'revocation')).toBe(first);
    const changed = { ...first, name: 'changed by this process' };
    await db().transaction((manager) => repository.saveList(status.statusListId, 'revocation', { signed: changed }, manager));
    expect(await repository.findSigned(status.statusListId, 'revocation')).toEqual(changed);
  });

  it('checks concurrent verifications, of several schools, each against its own list', async () => {
    const other = await factory.newInstitution();
    const actor = actorOf(admin, 'admin');
    const issued = [
      ...(await Promise.all([0, 1, 2].map(() => h.issueCertificate(school.id)))),
      ...(await Promise.all([0, 1].map(() => h.issueCertificate(other.id)))),
    ];
    expect(new Set(issued.map((one) => one.status.statusListId)).size).toBe(2);
    await h.statusLists.changeStatus(issued[1].id, 'revoke', 'Fraude à l’évaluation constatée', actor);
    await h.statusLists.changeStatus(issued[3].id, 'suspend', 'Vérification du dossier en cours', actor);
    // Started together, so that their list reads are answered together.
    const verdicts = await Promise.all(issued.map(({ credential }) => h.problems(credential)));
    expect(verdicts).toEqual([[], ['REVOKED'], [], ['SUSPENDED'], []]);
  });

  it('suspends and lifts a suspension', async () => {
    const { id, credential } = await issueCertificate();
    const actor = actorOf(registrar, 'registrar');
    expect(await h.statusLists.changeStatus(id, 'suspend', 'Vérification du dossier en cours', actor)).toMatchObject({
      state: 'suspended',
    });
    expect(await bitOf(credential, 'suspension')).toBe(true);
    expect(
      (await verifyCredential({ credential, documentLoader: h.vc.documentLoader, checkStatus: h.vc.checkStatus })).errors.map(
        (e) => e.code,
      ),
    ).toEqual(['SUSPENDED']);
    await expect(h.statusLists.changeStatus(id, 'suspend', 'Encore', actor)).rejects.toMatchObject({
      response: { code: 'already_suspended' },
    });

    expect(await h.statusLists.changeStatus(id, 'unsuspend', undefined, actor)).toEqual({
      credentialId: id,
      state: 'issued',
      statusReason: null,
    });
    expect(await bitOf(credential, 'suspension')).toBe(false);
    expect((await verifyCredential({ credential, documentLoader: h.vc.documentLoader, checkStatus: h.vc.checkStatus })).verified).toBe(
      true,
    );
    await expect(h.statusLists.changeStatus(id, 'unsuspend', undefined, actor)).rejects.toMatchObject({
      response: { code: 'not_suspended' },
    });
  });

  it('reads the suspension list beside the one revocation entry, at its index', async () => {
    const { id, credential, status } = await issueCertificate();
    expect(credential.credentialStatus).toMatchObject({ statusPurpose: 'revocation', statusListIndex: String(status.statusListIndex) });
    await h.statusLists.changeStatus(id, 'suspend', 'Vérification du dossier en cours', actorOf(registrar, 'registrar'));
    const report = await h.vc.checkStatus({ credential, now: new Date() });
    expect(report.entries).toEqual([
      expect.objectContaining({ statusPurpose: 'revocation', status: 'clear' }),
      expect.objectContaining({
        statusPurpose: 'suspension',
        status: 'set',
        implied: true,
        statusListIndex: String(status.statusListIndex),
        statusListCredential: h.statusLists.listUrl(status.statusListId, 'suspension'),
        problem: expect.objectContaining({ code: 'SUSPENDED' }),
      }),
    ]);
    expect(await h.problems(credential)).toEqual(['SUSPENDED']);
    // Another issuer's revocation list has no suspension list of ours beside it, whatever its URL looks like.
    expect(
      await h.statusLists.suspensionListBeside(
        h.statusLists.listUrl(status.statusListId, 'revocation').replace('https://competences.test', 'https://ailleurs.example'),
      ),
    ).toBeNull();
    expect(await h.statusLists.suspensionListBeside(h.statusLists.listUrl(randomUUID(), 'revocation'))).toBeNull();
    expect(await h.statusLists.suspensionListBeside(h.statusLists.listUrl(status.statusListId, 'suspension'))).toBeNull();
  });

  it('checks credentials issued with two entries exactly as before: each entry, nothing implied', async () => {
    const { id, credential } = await h.issueCertificate(school.id, { legacy: true });
    expect((credential.credentialStatus as JsonObject[]).map((entry) => entry.statusPurpose)).toEqual(['revocation', 'suspension']);
    const clear = await h.vc.checkStatus({ credential, now: new Date() });
    expect(clear.entries.map((entry) => [entry.statusPurpose, entry.status, entry.implied])).toEqual([
      ['revocation', 'clear', undefined],
      ['suspension', 'clear', undefined],
    ]);
    await h.statusLists.changeStatus(id, 'suspend', 'Vérification du dossier en cours', actorOf(registrar, 'registrar'));
    expect(await h.problems(credential)).toEqual(['SUSPENDED']);
    await h.statusLists.changeStatus(id, 'unsuspend', undefined, actorOf(registrar, 'registrar'));
    expect(await h.problems(credential)).toEqual([]);
    await h.statusLists.changeStatus(id, 'revoke', 'Fraude à l’évaluation constatée', actorOf(registrar, 'registrar'));
    expect(await h.problems(credential)).toEqual(['REVOKED']);
  });

  it('treats revocation as final', async () => {
    const { id } = await issueCertificate();
    const actor = actorOf(registrar, 'registrar');
    await h.statusLists.changeStatus(id, 'revoke', 'Diplôme délivré par erreur', actor);
    for (const change of ['revoke', 'suspend', 'unsuspend'] as const) {
      const refusal = h.statusLists.changeStatus(id, change, 'Nouvelle tentative', actor);
      await expect(refusal).rejects.toMatchObject({ status: 409, response: { code: 'already_revoked' } });
    }
  });

  it('requires a reason to revoke or suspend', async () => {
    const { id } = await issueCertificate();
    for (const change of ['revoke', 'suspend'] as const) {
      for (const reason of [undefined, '   ']) {
        await expect(h.statusLists.changeStatus(id, change, reason, actorOf(registrar, 'registrar'))).rejects.toMatchObject({
          status: 400,
          response: { code: 'validation_failed', errors: [{ field: 'reason' }] },
        });
      }
    }
    await expect(h.statusLists.changeStatus(randomUUID(), 'revoke', 'Inconnu', actorOf(admin, 'admin'))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('lets only the issuing school’s registrars or an administrator change a status', async () => {
    const { id } = await issueCertificate();
    await expect(h.statusLists.changeStatus(id, 'revoke', 'Pas mon école', actorOf(otherRegistrar, 'registrar'))).rejects.toMatchObject({
      status: 403,
      response: { code: 'other_institution' },
    });
    const hr = await factory.newUser('hr_manager', school.id);
    await expect(h.statusLists.changeStatus(id, 'suspend', 'RH', actorOf(hr, 'hr_manager'))).rejects.toMatchObject({ status: 403 });
    expect(await h.statusLists.changeStatus(id, 'suspend', 'Contrôle ministériel', actorOf(admin, 'admin'))).toMatchObject({
      state: 'suspended',
    });
  });

  it('records every change in the audit log with its actor, time and reason', async () => {
    const { id } = await issueCertificate();
    await h.statusLists.changeStatus(id, 'suspend', 'Plainte reçue', actorOf(registrar, 'registrar'));
    await h.statusLists.changeStatus(id, 'unsuspend', 'Plainte infondée', actorOf(registrar, 'registrar'));
    await h.statusLists.changeStatus(id, 'revoke', 'Décision du jury', actorOf(admin, 'admin'));

    const response = await ctx.http.get('/audit-events').query({ credentialId: id }).auth(registrar.token, bearer).expect(200);
    expect(response.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(response.body.data.map((e: JsonObject) => [e.action, e.actorId, e.reason])).toEqual([
      ['credential.revoked', admin.id, 'Décision du jury'],
      ['credential.unsuspended', registrar.id, 'Plainte infondée'],
      ['credential.suspended', registrar.id, 'Plainte reçue'],
    ]);
    for (const event of response.body.data) {
      expect(event).toMatchObject({ institutionId: school.id, credentialId: id });
      expect(Date.now() - Date.parse(event.at)).toBeLessThan(60_000);
    }

    const asAdmin = await ctx.http
      .get('/audit-events')
      .query({ credentialId: id, limit: 1, offset: 1 })
      .auth(admin.token, bearer)
      .expect(200);
    expect(asAdmin.body).toMatchObject({ total: 3, data: [{ action: 'credential.unsuspended' }] });
    const otherSchool = await ctx.http.get('/audit-events').query({ credentialId: id }).auth(otherRegistrar.token, bearer).expect(200);
    expect(otherSchool.body.total).toBe(0);
    const forbidden = await ctx.http.get('/audit-events').query({ institutionId: school.id }).auth(otherRegistrar.token, bearer);
    expect(forbidden.status).toBe(403);
    expect((await ctx.http.get('/audit-events').query({ credentialId: 'x' }).auth(admin.token, bearer)).status).toBe(400);
  });

  it('keeps the audit log append-only: the database refuses UPDATE and DELETE', async () => {
    await issueCertificate();
    await expect(db().query(`UPDATE audit_event SET reason = 'effacé'`)).rejects.toThrow(/append-only/);
    await expect(db().query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
  });

  it('answers 404 for an unknown status list and 400 for a malformed id', async () => {
    expect((await ctx.http.get(`/status-lists/${randomUUID()}/suspension`).expect(404)).body.code).toBe('not_found');
    await ctx.http.get('/status-lists/not-a-list/revocation').expect(400);
  });
});

describe('status lists across a did:key rotation', () => {
  let ctx: TestApp;
  beforeAll(async () => {
    ctx = await startTestApp({ PUBLIC_BASE_URL: 'http://localhost:3000', PGLITE_DIR: 'memory://' });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('keeps older credentials checkable after the school’s did:key changes', async () => {
    const h = issuance(ctx);
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const registrar = await factory.newUser('registrar', school.id);
    const first = await h.issueCertificate(school.id);
    const second = await h.issueCertificate(school.id);
    expect(second.status.statusListId).toBe(first.status.statusListId);
    const oldDid = await h.identity.issuerDid(school.id);

    const rotated = await ctx.http
      .post(`/institutions/${school.id}/issuer-keys/rotation`)
      .auth(registrar.token, bearer)
      .send({ reason: 'Démonstration' });
    expect(rotated.status).toBe(201);
    expect(rotated.body.did).not.toBe(oldDid);
    // A list speaks for one DID: credentials of the new did:key go to a new list.
    const third = await h.issueCertificate(school.id);
    expect(third.status.statusListId).not.toBe(first.status.statusListId);
    expect((third.credential.issuer as JsonObject).id).toBe(rotated.body.did);

    await h.statusLists.changeStatus(first.id, 'revoke', 'Erreur de saisie', actorOf(registrar, 'registrar'));
    const list = await h.servedList(h.statusLists.listUrl(first.status.statusListId, 'revocation'));
    expect(list.issuer).toBe(oldDid);
    expect(await h.problems(first.credential)).toEqual(['REVOKED']);
    expect(await h.problems(second.credential)).toEqual([]);
    expect(await h.problems(third.credential)).toEqual([]);
  });
});

describe('status lists across a change of PUBLIC_BASE_URL', () => {
  let ctx: TestApp;
  let moved: TestApp;
  beforeAll(async () => {
    // Both instances open the schools' keys with the same key-encryption key, as a moved deployment would.
    const KEY_ENCRYPTION_KEY = randomBytes(32).toString('hex');
    ctx = await startTestApp({ PUBLIC_BASE_URL: 'https://competences.test', KEY_ENCRYPTION_KEY });
    moved = await startAnotherInstance(ctx, { PUBLIC_BASE_URL: 'https://nouveau.competences.test', KEY_ENCRYPTION_KEY });
  });
  afterAll(async () => {
    await moved?.close();
    await ctx?.close();
  });

  it('keeps a list under the URL its credentials name, and opens new lists under the new one', async () => {
    const factory = new Factory(ctx);
    const school = await factory.newInstitution();
    const registrar = await factory.newUser('registrar', school.id);
    const before = await issuance(ctx).issueCertificate(school.id);
    const revocationUrl = before.status.credentialStatus.statusListCredential as string;
    expect(revocationUrl.startsWith('https://competences.test/status-lists/')).toBe(true);

    // The instance started under another address revokes it: the list it re-signs keeps its first URL, so the
    // credential's entry still names the list that says it is revoked.
    const h = issuance(moved);
    await h.statusLists.changeStatus(before.id, 'revoke', 'Erreur de saisie', actorOf(registrar, 'registrar'));
    const list = await h.servedList(revocationUrl);
    expect(list.id).toBe(revocationUrl);
    expect(await h.problems(before.credential)).toEqual(['REVOKED']);
    expect(await issuance(ctx).problems(before.credential)).toEqual(['REVOKED']);
    // Another host naming the same list id is not us: our copy is not handed out for it.
    expect(await h.statusLists.ownListCredential(revocationUrl.replace('https://competences.test', 'https://ailleurs.example'))).toBeNull();

    // New credentials go to a list under the address the service now has.
    const after = await h.issueCertificate(school.id);
    expect(after.status.statusListId).not.toBe(before.status.statusListId);
    expect(
      (after.status.credentialStatus.statusListCredential as string).startsWith('https://nouveau.competences.test/status-lists/'),
    ).toBe(true);
    expect(await h.problems(after.credential)).toEqual([]);
  });
});
