import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { FrameworkItem } from './framework-item.entity.js';
import { Framework } from './framework.entity.js';

/**
 * CASE association types, plus closeMatchOf for SKOS-style links such as ESCO skills. The tree itself is parentId.
 * Imports may also bring CASE 1.1 extension types (`ext:…`), hence a text column.
 */
export const ASSOCIATION_TYPES = [
  'exactMatchOf',
  'closeMatchOf',
  'isRelatedTo',
  'isPartOf',
  'precedes',
  'replacedBy',
  'isPeerOf',
  'exemplar',
  'hasSkillLevel',
  'isTranslationOf',
] as const;
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

/** A typed link from an item to another item (any framework) or to an external concept URI. */
@Entity('item_association')
@Index('uq_association_identifier', ['frameworkId', 'identifier'], { unique: true })
@Index('ix_association_origin', ['originId'])
@Index('ix_association_destination', ['destinationItemId'])
@Check('ck_association_destination', `"destinationItemId" IS NOT NULL OR "destinationUri" IS NOT NULL`)
export class ItemAssociation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The framework version that owns the association (the origin item's). */
  @Column('uuid')
  frameworkId: string;

  @ManyToOne(() => Framework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'frameworkId' })
  framework?: Relation<Framework>;

  @Column('uuid')
  identifier: string;

  @Column('uuid')
  originId: string;

  @ManyToOne(() => FrameworkItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'originId' })
  origin?: Relation<FrameworkItem>;

  @Column('text')
  type: AssociationType | `ext:${string}`;

  @Column('uuid', { nullable: true })
  destinationItemId: string | null;

  @ManyToOne(() => FrameworkItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'destinationItemId' })
  destinationItem?: Relation<FrameworkItem>;

  @Column('text', { nullable: true })
  destinationUri: string | null;

  @Column('text', { nullable: true })
  destinationLabel: string | null;

  /** Fields of an exchange standard (CASE, Moodle, ESCO) that have no column, kept so exports lose nothing. */
  @Column('jsonb', { nullable: true })
  extras: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
