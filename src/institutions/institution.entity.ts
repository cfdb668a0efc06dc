import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LocalizedText } from '../common/localized-text.js';

export const INSTITUTION_KINDS = ['school', 'hospital', 'ministry', 'other'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

@Entity('institution')
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_institution_slug', { unique: true })
  @Column('text')
  slug: string;

  @Column('text')
  kind: InstitutionKind;

  @Column('jsonb')
  name: LocalizedText;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2 })
  country: string;

  @Column('text', { nullable: true })
  website: string | null;

  /** The logo printed on certificates (PNG), uploaded by the school. */
  @Column('bytea', { nullable: true, select: false })
  logoPng: Buffer | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
