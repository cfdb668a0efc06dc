// Reads and writes paper snapshots; the first writer wins, so two concurrent first downloads print the same pages.
// Also reads, once per credential, what a snapshot freezes from the records (learner, module or programme, items).
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { LocalizedText } from '../common/localized-text.js';
import { CertificateLogo, CertificatePaper, type PaperExtras } from './certificate-paper.entity.js';

export interface PaperSnapshot {
  layout: string;
  extras: PaperExtras;
  /** By SHA-256: the logos the snapshot names. */
  logos: Map<string, Uint8Array>;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What a credential names by id, for its printed form. */
export interface PaperSubject {
  learnerId: string | null;
  moduleId: string | null;
  programmeId: string | null;
}

export interface PaperAchievement {
  title: LocalizedText;
  /** Hours of a module; a programme has none. */
  hours: number | null;
}

@Injectable()
export class CertificatePaperRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(credentialId: string): Promise<PaperSnapshot | null> {
    const paper = await this.dataSource.getRepository(CertificatePaper).findOneBy({ credentialId });
    if (!paper) return null;
    const hashes = paper.extras.institutions.flatMap((school) => (school.logoSha256 ? [school.logoSha256] : []));
    const logos = hashes.length ? await this.dataSource.getRepository(CertificateLogo).findBy({ sha256: In(hashes) }) : [];
    return { layout: paper.layout, extras: paper.extras, logos: new Map(logos.map((logo) => [logo.sha256, new Uint8Array(logo.png)])) };
  }

  async learnerName(subject: PaperSubject): Promise<{ givenName: string; familyName: string } | undefined> {
    if (!subject.learnerId) return undefined;
    const [learner] = await this.dataSource.query(`SELECT "givenName", "familyName" FROM learner WHERE id = $1`, [subject.learnerId]);
    return learner;
  }

  /** The module the credential certifies, else its programme. */
  async achievement(subject: PaperSubject): Promise<PaperAchievement | undefined> {
    const [row] = subject.moduleId
      ? await this.dataSource.query(`SELECT title, hours::float AS hours FROM training_module WHERE id = $1`, [subject.moduleId])
      : subject.programmeId
        ? await this.dataSource.query(`SELECT title, NULL AS hours FROM programme WHERE id = $1`, [subject.programmeId])
        : [];
    return row;
  }

  /** Labels of the framework items the credential aligns to, by item URI (any version: labels of one URI agree). */
  competencyLabels(uris: string[]): Promise<{ uri: string; label: LocalizedText }[]> {
    if (!uris.length) return Promise.resolve([]);
    return this.dataSource.query(`SELECT DISTINCT ON (uri) uri, label FROM framework_item WHERE uri = ANY($1::text[])`, [uris]);
  }

  /** Stores the snapshot unless one exists already, and returns the one that is kept. */
  async keepFirst(credentialId: string, layout: string, extras: PaperExtras, logos: Uint8Array[]): Promise<PaperSnapshot> {
    await this.dataSource.transaction(async (manager) => {
      for (const png of logos) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(CertificateLogo)
          .values({ sha256: sha256Hex(png), png: Buffer.from(png) })
          .orIgnore()
          .execute();
      }
      await manager.createQueryBuilder().insert().into(CertificatePaper).values({ credentialId, layout, extras }).orIgnore().execute();
    });
    return (await this.find(credentialId))!;
  }
}
