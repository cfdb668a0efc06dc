// A counter that moves with every change of a status list's signed credentials, so that each server process can keep
// the signed lists it serves and check them against one integer instead of reading them again (status-lists.repository).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusListRevision1764800000000 implements MigrationInterface {
  name = 'StatusListRevision1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_list" ADD "revision" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "status_list" DROP COLUMN "revision"`);
  }
}
