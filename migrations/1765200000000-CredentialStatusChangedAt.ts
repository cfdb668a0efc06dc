// When each credential's state last changed, for the public page's "revoked on …": the audit log has every change,
// the row keeps the latest so that a verification need not read the log.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CredentialStatusChangedAt1765200000000 implements MigrationInterface {
  name = 'CredentialStatusChangedAt1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential" ADD "statusChangedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    // Existing rows: the latest change the audit log recorded, else when the credential was issued or prepared.
    await queryRunner.query(`UPDATE "credential" c SET "statusChangedAt" = COALESCE(
      (SELECT max(a."at") FROM "audit_event" a WHERE a."credentialId" = c."id"
        AND a."action" IN ('credential.prepared', 'credential.issued', 'credential.revoked', 'credential.suspended', 'credential.unsuspended')),
      c."issuedAt", c."createdAt")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential" DROP COLUMN "statusChangedAt"`);
  }
}
