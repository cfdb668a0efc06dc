// Room for the fields of exchange standards (CASE, Moodle, ESCO) that have no column of their own.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StandardExtras1764100000000 implements MigrationInterface {
  name = 'StandardExtras1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "framework" ADD "extras" jsonb`);
    await queryRunner.query(`ALTER TABLE "framework_item" ADD "extras" jsonb`);
    await queryRunner.query(`ALTER TABLE "item_association" ADD "extras" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "item_association" DROP COLUMN "extras"`);
    await queryRunner.query(`ALTER TABLE "framework_item" DROP COLUMN "extras"`);
    await queryRunner.query(`ALTER TABLE "framework" DROP COLUMN "extras"`);
  }
}
