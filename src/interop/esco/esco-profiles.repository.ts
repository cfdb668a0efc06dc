// Set-based writes of many job profiles and their requirements at once (an ESCO import brings thousands of the first
// and over a hundred thousand of the second): client-side UUIDs, a bounded number of rows per statement, never a
// round trip per row. Always inside the caller's transaction.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JobProfile } from '../../profiles/job-profile.entity.js';

const BATCH = 1000;

export interface ProfileVersionRow {
  id: string;
  identifier: string;
  version: string;
  status: JobProfile['status'];
  ownerInstitutionId: string;
}

export interface RequirementInsert {
  id: string;
  profileId: string;
  itemId: string;
  levelId: string;
  essential: boolean;
  position: number;
}

@Injectable()
export class EscoProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Every stored version of these profile lineages, newest first within each (for replacing drafts and linking versions). */
  async findVersionsOf(identifiers: string[], manager: EntityManager): Promise<ProfileVersionRow[]> {
    const rows: ProfileVersionRow[] = [];
    for (let i = 0; i < identifiers.length; i += BATCH) {
      rows.push(
        ...(await manager.query(
          `SELECT id, identifier, version, status, "ownerInstitutionId" FROM job_profile
         WHERE identifier = ANY($1::uuid[]) ORDER BY identifier, "publishedAt" DESC NULLS LAST, "createdAt" DESC`,
          [identifiers.slice(i, i + BATCH)],
        )),
      );
    }
    return rows;
  }

  /** Requirements go with their profile (ON DELETE CASCADE). */
  async deleteVersions(ids: string[], manager: EntityManager): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH)
      await manager.query(`DELETE FROM job_profile WHERE id = ANY($1::uuid[])`, [ids.slice(i, i + BATCH)]);
  }

  async insertProfiles(rows: Partial<JobProfile>[], manager: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(JobProfile)
        .values(rows.slice(i, i + BATCH) as never)
        .updateEntity(false)
        .execute();
    }
  }

  /** One statement per batch with one array parameter per column, whatever the batch size. */
  async insertRequirements(rows: RequirementInsert[], manager: EntityManager): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await manager.query(
        `INSERT INTO profile_requirement (id, "profileId", "itemId", "levelId", essential, position)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::boolean[], $6::int[])`,
        [
          batch.map((r) => r.id),
          batch.map((r) => r.profileId),
          batch.map((r) => r.itemId),
          batch.map((r) => r.levelId),
          batch.map((r) => r.essential),
          batch.map((r) => r.position),
        ],
      );
    }
  }
}
