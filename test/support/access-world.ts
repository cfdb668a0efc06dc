// The world the role matrix walks: two schools A and B, their HR managers and registrars, learner X (staff of A,
// trained and certified by A with both sides' consent; enrolled by B on its own, then withdrawn) and learner Y (staff
// of B), and one object of every kind owned
// by A or X. `fresh` builds a new object of a kind, for routes that consume theirs (DELETE).
import { CatalogueFactory, expectStatus, Factory, type Person } from './factories.js';
import type { TestApp } from './test-app.js';

export const CALLERS = ['admin', 'hrA', 'hrB', 'registrarA', 'registrarB', 'learnerX', 'learnerY', 'anonymous'] as const;
export type Caller = (typeof CALLERS)[number];

export interface AccessWorld {
  people: Record<Exclude<Caller, 'anonymous'>, Person>;
  schoolA: { id: string; slug: string };
  /** Path parameter values by route prefix and name. */
  ids: Record<string, string>;
  /** Values for body fields and query parameters, by name. */
  fields: Record<string, string>;
  fresh: Record<'framework' | 'profile' | 'module' | 'programme' | 'session', () => Promise<Record<string, string>>>;
}

const bearer = { type: 'bearer' as const };

export async function buildAccessWorld(ctx: TestApp): Promise<AccessWorld> {
  const factory = new Factory(ctx);
  const catalogue = new CatalogueFactory(ctx);
  const schoolA = await factory.newInstitution();
  const schoolB = await factory.newInstitution();
  const people = {
    admin: await factory.admin(),
    hrA: await factory.newUser('hr_manager', schoolA.id),
    hrB: await factory.newUser('hr_manager', schoolB.id),
    registrarA: await factory.newUser('registrar', schoolA.id),
    registrarB: await factory.newUser('registrar', schoolB.id),
    learnerX: await factory.newUser('learner'),
    learnerY: await factory.newUser('learner'),
  };
  const { hrA, hrB, registrarA } = people;
  const post = async (person: Person, path: string, body: object = {}, status = 201) => {
    const response = await ctx.http.post(path).auth(person.token, bearer).send(body);
    expectStatus(response, status);
    return response.body;
  };

  const published = await factory.newFramework(hrA, { publish: true });
  const newDraft = async () => {
    const draft = await factory.newFramework(hrA, { version: `draft-${Math.random().toString(36).slice(2, 8)}` });
    const association = await post(hrA, `/frameworks/${draft.id}/associations`, {
      originId: draft.items.planBlanc.id,
      destinationItemId: draft.items.cellule.id,
      type: 'isRelatedTo',
    });
    return { framework: draft.id, scaleId: draft.scaleId, itemId: draft.items.planBlanc.id, associationId: association.id };
  };
  const draft = await newDraft();
  const profileBody = (code: string) => ({
    code,
    version: '1',
    title: { fr: 'Directeur des soins' },
    requirements: [{ itemId: published.items.planBlanc.id, level: 2 }],
  });
  const newProfile = async () => ({
    profile: (await post(hrA, '/job-profiles', profileBody(`P-${Math.random().toString(36).slice(2, 8)}`))).id as string,
  });
  const publishedProfile = (await post(hrA, '/job-profiles', profileBody('DIR-SOINS'))).id;
  await post(hrA, `/job-profiles/${publishedProfile}/publish`, {}, 200);
  const draftProfile = (await newProfile()).profile;

  const newModule = async () => ({
    module: (
      await catalogue.newModule(schoolA.id, `M-${Math.random().toString(36).slice(2, 8)}`, 14, [
        { itemId: published.items.planBlanc.id, level: 2 },
      ])
    ).id,
  });
  const module = (await newModule()).module;
  const newProgramme = async () => ({
    programme: (
      await post(registrarA, '/programmes', {
        code: `P-${Math.random().toString(36).slice(2, 8)}`,
        kind: 'diploma',
        title: { fr: 'Diplôme de gestion de crise' },
        minimumAverage: 50,
        modules: [{ moduleId: module, required: true }],
      })
    ).id as string,
  });
  const programme = (await newProgramme()).programme;
  const newSession = async () => ({ session: (await catalogue.newSession(module, schoolA.id)).id });
  const session = (await newSession()).session;

  const learnerX = (await post(hrA, '/learners', { givenName: 'Nadia', familyName: 'Benkhelifa', userId: people.learnerX.id }))
    .id as string;
  await post(hrB, '/learners', { givenName: 'Yacine', familyName: 'Brahimi', userId: people.learnerY.id });
  const enrolment = (await factory.enrol({ id: session }, learnerX, { hr: hrA, registrar: registrarA })).id;
  await post(registrarA, `/sessions/${session}/assessments`, { learnerId: learnerX, kind: 'final_exam', score: 15 });
  const credential = await post(registrarA, '/credentials/certificates', { enrolmentId: enrolment });
  // School B enrolled X on its own and withdrew at once: that gives B nothing.
  const sessionB = await catalogue.newSession(
    (await catalogue.newModule(schoolB.id, 'GC-B', 7, [{ itemId: published.items.cellule.id, level: 1 }])).id,
    schoolB.id,
  );
  const offerB = await post(people.registrarB, `/sessions/${sessionB.id}/enrolments`, { learnerId: learnerX });
  expectStatus(await ctx.http.patch(`/enrolments/${offerB.id}`).auth(people.registrarB.token, bearer).send({ status: 'withdrawn' }), 200);
  const statusList = String(credential.verifiableCredential.credentialStatus.statusListCredential).split('/status-lists/')[1].split('/')[0];
  const batch = (await post(registrarA, `/sessions/${session}/credential-batches`, {}, 202)).id;
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082',
    'hex',
  );
  expectStatus(
    await ctx.http
      .put(`/institutions/${schoolA.id}/logo`)
      .auth(registrarA.token, bearer)
      .attach('file', png, { filename: 'logo.png', contentType: 'image/png' }),
    204,
  );

  return {
    people,
    schoolA,
    ids: {
      '/frameworks:id': draft.framework,
      '/frameworks:scaleId': draft.scaleId,
      '/frameworks:itemId': draft.itemId,
      '/frameworks:associationId': draft.associationId,
      '/job-profiles:id': draftProfile,
      '/modules:id': module,
      '/programmes:id': programme,
      '/sessions:id': session,
      '/institutions:id': schoolA.id,
      '/learners:id': learnerX,
      '/enrolments:id': enrolment,
      '/credentials:id': credential.id,
      '/verify:id': credential.id,
      '/credential-batches:id': batch,
      '/status-lists:id': statusList,
      ':slug': schoolA.slug,
      ':sourcedId': published.identifier,
    },
    fields: {
      learnerId: learnerX,
      enrolmentId: enrolment,
      programmeId: programme,
      moduleId: module,
      sessionId: session,
      itemId: published.items.planBlanc.id,
      originId: draft.itemId,
      credentialId: credential.id,
      profileId: publishedProfile,
      from: publishedProfile,
      institutionId: schoolA.id,
      ownerInstitutionId: schoolA.id,
      employerInstitutionId: schoolA.id,
    },
    fresh: {
      framework: async () => {
        const made = await newDraft();
        return {
          '/frameworks:id': made.framework,
          '/frameworks:scaleId': made.scaleId,
          '/frameworks:itemId': made.itemId,
          '/frameworks:associationId': made.associationId,
        };
      },
      profile: async () => ({ '/job-profiles:id': (await newProfile()).profile }),
      module: async () => ({ '/modules:id': (await newModule()).module }),
      programme: async () => ({ '/programmes:id': (await newProgramme()).programme }),
      session: async () => ({ '/sessions:id': (await newSession()).session }),
    },
  };
}
