// What the access policy needs to know about the objects it is asked about, loaded in bulk (one query per kind).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Who a learner record belongs to: the employer, and the learner's own login. */
export interface LearnerOwners {
  id: string;
  employerInstitutionId: string;
  userId: string | null;
}

export interface EnrolmentFacts extends Omit<LearnerOwners, 'id'> {
  id: string;
  learnerId: string;
  consent: 'requested' | 'offered' | 'accepted';
  status: string;
  /** The school organising the session. */
  organiserId: string;
}

export interface CredentialFacts {
  id: string;
  state: string;
  signerInstitutionIds: string[];
  learner: LearnerOwners | null;
}

@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  learners(ids: string[]): Promise<LearnerOwners[]> {
    return this.dataSource.query(`SELECT id, "employerInstitutionId", "userId" FROM learner WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Learners with an accepted enrolment, not withdrawn, in a session the school organises: its registrars' learners. */
  async trainingWith(learnerIds: string[], institutionId: string): Promise<Set<string>> {
    const rows: { learnerId: string }[] = await this.dataSource.query(
      `SELECT DISTINCT e."learnerId" FROM enrolment e JOIN training_session s ON s.id = e."sessionId"
       WHERE e."learnerId" = ANY($1::uuid[]) AND s."institutionId" = $2 AND e.consent = 'accepted' AND e.status <> 'withdrawn'`,
      [learnerIds, institutionId],
    );
    return new Set(rows.map((row) => row.learnerId));
  }

  /** Session id → the school organising it. */
  async sessionOrganisers(ids: string[]): Promise<Map<string, string>> {
    const rows: { id: string; institutionId: string }[] = await this.dataSource.query(
      `SELECT id, "institutionId" FROM training_session WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.institutionId]));
  }

  enrolments(ids: string[]): Promise<EnrolmentFacts[]> {
    return this.dataSource.query(
      `SELECT e.id, e."learnerId", e.consent, e.status, s."institutionId" AS "organiserId", l."employerInstitutionId", l."userId"
       FROM enrolment e JOIN training_session s ON s.id = e."sessionId" JOIN learner l ON l.id = e."learnerId"
       WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async credentials(ids: string[]): Promise<CredentialFacts[]> {
    const rows: {
      id: string;
      state: string;
      signerInstitutionIds: string[];
      learnerId: string | null;
      employerInstitutionId: string | null;
      userId: string | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.state, c."signerInstitutionIds", c."learnerId", l."employerInstitutionId", l."userId"
         FROM credential c LEFT JOIN learner l ON l.id = c."learnerId" WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      state: row.state,
      signerInstitutionIds: row.signerInstitutionIds,
      learner: row.learnerId ? { id: row.learnerId, employerInstitutionId: row.employerInstitutionId!, userId: row.userId } : null,
    }));
  }
}
