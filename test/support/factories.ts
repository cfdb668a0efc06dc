// Builders that read like the domain: a school, its HR manager, a crisis-management framework, a pharmacy profile.
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/auth/roles.js';
import { User } from '../../src/auth/user.entity.js';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

const unique = (): string => randomBytes(4).toString('hex');

export interface Person {
  id: string;
  email: string;
  token: string;
  institutionId: string | null;
}

export class Factory {
  constructor(private readonly ctx: TestApp) {}

  private get http() {
    return this.ctx.http;
  }

  async admin(): Promise<Person> {
    return this.newUser('admin');
  }

  async newInstitution(overrides: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
    const admin = await this.admin();
    const slug = `chu-${unique()}`;
    const response = await this.http
      .post('/institutions')
      .auth(admin.token, { type: 'bearer' })
      .send({
        slug,
        kind: 'school',
        name: { fr: `École de santé ${slug}`, ar: 'مدرسة الصحة' },
        country: 'DZ',
        ...overrides,
      });
    expectStatus(response, 201);
    return response.body;
  }

  /** A user written straight to the database (argon2 hashing once per file), then logged in through the API. */
  async newUser(role: Role, institutionId: string | null = null): Promise<Person> {
    const email = `${role}-${unique()}@test.example`;
    passwordHash ??= argon2.hash(PASSWORD);
    const user = await this.ctx.database.dataSource
      .getRepository(User)
      .save({ email, passwordHash: await passwordHash, displayName: `${role} ${email}`, role, institutionId });
    const login = await this.http.post('/auth/login').send({ email, password: PASSWORD });
    expectStatus(login, 200);
    return { id: user.id, email, token: login.body.accessToken, institutionId };
  }

  async newHrManager(institutionId?: string): Promise<Person> {
    return this.newUser('hr_manager', institutionId ?? (await this.newInstitution()).id);
  }

  /** A draft crisis-management framework with a four-level scale, a domain and two competencies. */
  async newFramework(owner: Person, options: { publish?: boolean; version?: string } = {}) {
    const auth = { type: 'bearer' as const };
    const framework = await this.http
      .post('/frameworks')
      .auth(owner.token, auth)
      .send({
        title: { fr: 'Gestion de crise hospitalière', ar: 'إدارة الأزمات الاستشفائية', en: 'Hospital crisis management' },
        version: options.version ?? '2026.1',
      });
    expectStatus(framework, 201);
    const id: string = framework.body.id;
    const scale = await this.http
      .post(`/frameworks/${id}/scales`)
      .auth(owner.token, auth)
      .send({
        code: 'profondeur',
        title: { fr: 'Degré de profondeur' },
        levels: [
          { rank: 1, code: 'notions', label: { fr: 'Notions générales', ar: 'مفاهيم عامة' } },
          { rank: 2, code: 'pratique', label: { fr: 'Connaissances détaillées' } },
          { rank: 3, code: 'maitrise', label: { fr: 'Connaissances approfondies' } },
          { rank: 4, code: 'expertise', label: { fr: 'Expertise' } },
        ],
      });
    expectStatus(scale, 201);
    const domain = await this.newItem(owner, id, {
      code: 'GC',
      itemType: 'domain',
      label: { fr: 'Gestion de crise', ar: 'إدارة الأزمات', en: 'Crisis management' },
    });
    const planBlanc = await this.newItem(owner, id, {
      code: 'GC-1',
      itemType: 'competency',
      kind: 'skill',
      parentId: domain.id,
      label: {
        fr: 'Déclencher et conduire le plan blanc',
        ar: 'تفعيل وقيادة المخطط الأبيض',
        en: 'Trigger and run the hospital emergency plan',
      },
    });
    const cellule = await this.newItem(owner, id, {
      code: 'GC-2',
      itemType: 'competency',
      kind: 'behaviour',
      parentId: domain.id,
      label: { fr: 'Animer une cellule de crise', ar: 'تنشيط خلية الأزمة', en: 'Lead a crisis unit' },
    });
    if (options.publish) expectStatus(await this.http.post(`/frameworks/${id}/publish`).auth(owner.token, auth), 200);
    return { id, identifier: framework.body.identifier as string, scaleId: scale.body.id as string, items: { domain, planBlanc, cellule } };
  }

  /** An enrolment both sides consented to: the employer's HR manager requests the place, the school's registrar accepts. */
  async enrol(
    session: { id: string },
    learnerId: string,
    sides: { hr: Person; registrar: Person },
  ): Promise<{ id: string; sessionId: string; learnerId: string; status: string; consent: string }> {
    const requested = await this.http
      .post(`/sessions/${session.id}/enrolments`)
      .auth(sides.hr.token, { type: 'bearer' })
      .send({ learnerId });
    expectStatus(requested, 201);
    const accepted = await this.http.post(`/enrolments/${requested.body.id}/acceptance`).auth(sides.registrar.token, { type: 'bearer' });
    expectStatus(accepted, 200);
    return accepted.body;
  }

  async newItem(owner: Person, frameworkId: string, body: Record<string, unknown>): Promise<{ id: string; identifier: string }> {
    const response = await this.http.post(`/frameworks/${frameworkId}/items`).auth(owner.token, { type: 'bearer' }).send(body);
    expectStatus(response, 201);
    return response.body;
  }
}

/** Fails with the response body in the message, which is what one needs to see when a status is wrong. */
export function expectStatus(response: { status: number; body: unknown }, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
}

/** Catalogue rows written straight to the database, for specs about learner records (the catalogue API has its own spec). */
export class CatalogueFactory {
  constructor(private readonly ctx: TestApp) {}

  async newModule(
    ownerInstitutionId: string,
    code: string,
    hours: number,
    outcomes: { itemId: string; level: number }[],
  ): Promise<{ id: string; code: string }> {
    const db = this.ctx.database.dataSource;
    const [module] = await db.query(
      `INSERT INTO training_module (code, title, "ownerInstitutionId", hours, modality, language) VALUES ($1, $2, $3, $4, 'hybrid', 'fr') RETURNING id`,
      [code, { fr: `Module ${code}` }, ownerInstitutionId, hours],
    );
    let position = 0;
    for (const outcome of outcomes) {
      await db.query(
        `INSERT INTO learning_outcome ("moduleId", position, "itemId", "itemIdentifier", "levelId", "levelRank")
         SELECT $1, $2, i.id, i.identifier, l.id, l.rank FROM framework_item i
         JOIN proficiency_scale s ON s."frameworkId" = i."frameworkId" JOIN proficiency_level l ON l."scaleId" = s.id AND l.rank = $4
         WHERE i.id = $3`,
        [module.id, position++, outcome.itemId, outcome.level],
      );
    }
    return { id: module.id, code };
  }

  /** A session of March 2026 (over), unless `dates` say otherwise. */
  async newSession(
    moduleId: string,
    institutionId: string,
    capacity = 25,
    dates = { startsOn: '2026-03-09', endsOn: '2026-03-13' },
  ): Promise<{ id: string }> {
    const [session] = await this.ctx.database.dataSource.query(
      `INSERT INTO training_session (code, "moduleId", "institutionId", "startsOn", "endsOn", place, trainers, capacity)
       VALUES ($1, $2, $3, $5, $6, 'ENSM Alger, salle 2', '["Pr. Hamidi"]', $4) RETURNING id`,
      [`S-${randomBytes(3).toString('hex')}`, moduleId, institutionId, capacity, dates.startsOn, dates.endsOn],
    );
    return session;
  }
}
