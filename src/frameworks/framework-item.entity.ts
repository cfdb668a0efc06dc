import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { LocalizedText } from '../common/localized-text.js';
import { Framework } from './framework.entity.js';
import { ProficiencyScale } from './proficiency-scale.entity.js';

export const ITEM_KINDS = ['skill', 'knowledge', 'behaviour'] as const;
/** savoir-faire, connaissance, savoir-être. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A node of a framework's tree: a domain, a competency or a sub-competency (a CASE CFItem). */
@Entity('framework_item')
@Index('uq_item_identifier', ['frameworkId', 'identifier'], { unique: true })
@Index('uq_item_code', ['frameworkId', 'code'], { unique: true })
@Index('ix_item_parent', ['parentId'])
@Index('ix_item_identifier', ['identifier'])
export class FrameworkItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'frameworkId' })
  framework?: Relation<Framework>;

  /** Stable across framework versions. */
  @Column('uuid')
  identifier: string;

  @Column('text')
  uri: string;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => FrameworkItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parentId' })
  parent?: Relation<FrameworkItem>;

  /** Order among siblings. */
  @Column('int', { default: 0 })
  position: number;

  /** Human coding scheme, e.g. "PS-1.2". */
  @Column('text', { nullable: true })
  code: string | null;

  /** Level in the tree: domain, competency, sub_competency, or an imported CASE item type. */
  @Column('text')
  itemType: string;

  @Column('text', { nullable: true })
  kind: ItemKind | null;

  @Column('jsonb')
  label: LocalizedText;

  @Column('jsonb', { nullable: true })
  description: LocalizedText | null;

  /** Null means the framework's default scale. */
  @Column('uuid', { nullable: true })
  scaleId: string | null;

  @ManyToOne(() => ProficiencyScale, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'scaleId' })
  scale?: Relation<ProficiencyScale>;

  /** Fields of an exchange standard (CASE, Moodle, ESCO) that have no column, kept so exports lose nothing. */
  @Column('jsonb', { nullable: true })
  extras: Record<string, unknown> | null;

  /** Code, labels and descriptions folded for search (see foldForSearch); indexed with pg_trgm. */
  @Index('ix_item_search', { synchronize: false }) // GIN gin_trgm_ops, created by the migration
  @Column('text', { select: false })
  searchText: string;
}
