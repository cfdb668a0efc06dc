// Set-based queries behind gap analysis: a profile's requirements, the modules that develop given items, and the
// gaps of a whole staff in one pass (no per-person loops).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LocalizedText } from '../common/localized-text.js';
import type { ModuleOffer, RequiredCompetency } from './gap-analysis.js';

export interface StaffGap {
  learnerId: string;
  itemIdentifier: string;
  requiredLevel: number;
  currentLevel: number;
  essential: boolean;
}

export interface StaffMember {
  id: string;
  givenName: string;
  familyName: string;
  staffNumber: string | null;
  profileId: string;
  profileCode: string;
}

export interface TeamItem {
  itemIdentifier: string;
  itemCode: string | null;
  itemLabel: LocalizedText;
}

export interface ModuleNeed {
  moduleId: string;
  code: string;
  title: LocalizedText;
  hours: number;
  people: number;
  gapsClosed: number;
}

@Injectable()
export class GapsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async requirements(profileId: string): Promise<RequiredCompetency[]> {
    const rows: { itemIdentifier: string; itemCode: string | null; itemLabel: LocalizedText; requiredLevel: number; essential: boolean }[] =
      await this.dataSource.query(
        `SELECT i.identifier AS "itemIdentifier", i.code AS "itemCode", i.label AS "itemLabel", l.rank AS "requiredLevel", r.essential
       FROM profile_requirement r JOIN framework_item i ON i.id = r."itemId" JOIN proficiency_level l ON l.id = r."levelId"
       WHERE r."profileId" = $1 ORDER BY r.position`,
        [profileId],
      );
    return rows;
  }

  /** Modules with an outcome on one of the items, with the highest level each brings per item. */
  async offers(itemIdentifiers: string[]): Promise<ModuleOffer[]> {
    if (!itemIdentifiers.length) return [];
    const rows: { moduleId: string; code: string; title: LocalizedText; hours: string; itemIdentifier: string; level: number }[] =
      await this.dataSource.query(
        `SELECT m.id AS "moduleId", m.code, m.title, m.hours, o."itemIdentifier", MAX(o."levelRank") AS level
       FROM learning_outcome o JOIN training_module m ON m.id = o."moduleId"
       WHERE o."itemIdentifier" = ANY($1::uuid[])
       GROUP BY m.id, o."itemIdentifier"`,
        [itemIdentifiers],
      );
    const offers = new Map<string, ModuleOffer>();
    for (const row of rows) {
      const offer = offers.get(row.moduleId) ?? {
        moduleId: row.moduleId,
        code: row.code,
        title: row.title,
        hours: Number(row.hours),
        outcomes: new Map<string, number>(),
      };
      offer.outcomes.set(row.itemIdentifier, Number(row.level));
      offers.set(row.moduleId, offer);
    }
    return [...offers.values()];
  }

  private staffCte(basis: 'current' | 'target'): string {
    const column = basis === 'target' ? '"targetProfileId"' : '"currentProfileId"';
    return `staff AS (
        SELECT l.id, l.${column} AS "profileId" FROM learner l
        WHERE l."employerInstitutionId" = $1 AND l.${column} IS NOT NULL AND ($2::uuid IS NULL OR l.${column} = $2::uuid)
      ),
      required AS (
        SELECT s.id AS "learnerId", i.identifier AS "itemIdentifier", lv.rank AS "requiredLevel", r.essential
        FROM staff s JOIN profile_requirement r ON r."profileId" = s."profileId"
        JOIN framework_item i ON i.id = r."itemId" JOIN proficiency_level lv ON lv.id = r."levelId"
      ),
      proved AS (
        SELECT e."learnerId", e."itemIdentifier", MAX(e."levelRank") AS level
        FROM evidence e JOIN staff s ON s.id = e."learnerId" GROUP BY 1, 2
      ),
      gaps AS (
        SELECT q."learnerId", q."itemIdentifier", q."requiredLevel", COALESCE(p.level, 0) AS "currentLevel", q.essential
        FROM required q LEFT JOIN proved p ON p."learnerId" = q."learnerId" AND p."itemIdentifier" = q."itemIdentifier"
        WHERE q."requiredLevel" > COALESCE(p.level, 0)
      )`;
  }

  async staff(institutionId: string, profileId: string | null, basis: 'current' | 'target'): Promise<StaffMember[]> {
    const column = basis === 'target' ? '"targetProfileId"' : '"currentProfileId"';
    return this.dataSource.query(
      `SELECT l.id, l."givenName", l."familyName", l."staffNumber", p.id AS "profileId", p.code AS "profileCode"
       FROM learner l JOIN job_profile p ON p.id = l.${column}
       WHERE l."employerInstitutionId" = $1 AND ($2::uuid IS NULL OR l.${column} = $2::uuid)
       ORDER BY p.code, l."familyName", l."givenName", l.id`,
      [institutionId, profileId],
    );
  }

  async staffGaps(institutionId: string, profileId: string | null, basis: 'current' | 'target'): Promise<StaffGap[]> {
    const rows: StaffGap[] = await this.dataSource.query(`WITH ${this.staffCte(basis)} SELECT * FROM gaps`, [institutionId, profileId]);
    return rows.map((row) => ({ ...row, requiredLevel: Number(row.requiredLevel), currentLevel: Number(row.currentLevel) }));
  }

  /** The items the staff's profiles require, labelled from the newest version present. */
  async teamItems(institutionId: string, profileId: string | null, basis: 'current' | 'target'): Promise<TeamItem[]> {
    return this.dataSource.query(
      `WITH ${this.staffCte(basis)}
       SELECT DISTINCT ON (i.identifier) i.identifier AS "itemIdentifier", i.code AS "itemCode", i.label AS "itemLabel"
       FROM (SELECT DISTINCT "itemIdentifier" FROM required) q JOIN framework_item i ON i.identifier = q."itemIdentifier"
       JOIN framework f ON f.id = i."frameworkId"
       ORDER BY i.identifier, f."publishedAt" DESC NULLS LAST`,
      [institutionId, profileId],
    );
  }

  /** For each module, how many people it would help and how many of their gaps it closes. */
  async moduleNeeds(institutionId: string, profileId: string | null, basis: 'current' | 'target'): Promise<ModuleNeed[]> {
    const rows: ModuleNeed[] = await this.dataSource.query(
      `WITH ${this.staffCte(basis)}
       SELECT m.id AS "moduleId", m.code, m.title, m.hours, COUNT(DISTINCT g."learnerId") AS people, COUNT(*) AS "gapsClosed"
       FROM gaps g
       JOIN (SELECT "moduleId", "itemIdentifier", MAX("levelRank") AS level FROM learning_outcome GROUP BY 1, 2) o
         ON o."itemIdentifier" = g."itemIdentifier" AND o.level >= g."requiredLevel"
       JOIN training_module m ON m.id = o."moduleId"
       GROUP BY m.id ORDER BY people DESC, "gapsClosed" DESC, m.code`,
      [institutionId, profileId],
    );
    return rows.map((row) => ({ ...row, hours: Number(row.hours), people: Number(row.people), gapsClosed: Number(row.gapsClosed) }));
  }
}
