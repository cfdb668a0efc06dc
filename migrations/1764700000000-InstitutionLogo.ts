// The logo each school uploads for its printed certificates.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InstitutionLogo1764700000000 implements MigrationInterface {
  name = 'InstitutionLogo1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "institution" ADD "logoPng" bytea`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "institution" DROP COLUMN "logoPng"`);
  }
}
