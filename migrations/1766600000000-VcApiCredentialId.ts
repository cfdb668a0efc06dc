// The VC-API's options.credentialId: the caller's handle for later status updates, kept beside the credential rather
// than written over its `id` (which is part of what was signed). One school's handle names one credential.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VcApiCredentialId1766600000000 implements MigrationInterface {
  name = 'VcApiCredentialId1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential" ADD "vcApiCredentialId" text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_vc_api_id" ON "credential" ("issuerInstitutionId", "vcApiCredentialId") WHERE "vcApiCredentialId" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_credential_vc_api_id"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP COLUMN "vcApiCredentialId"`);
  }
}
