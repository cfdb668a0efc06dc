// A credential id names one credential: a caller-chosen VC-API id cannot take another school's.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CredentialIdUnique1765100000000 implements MigrationInterface {
  name = 'CredentialIdUnique1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_document_id" ON "credential" (("document"->>'id'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_credential_document_id"`);
  }
}
