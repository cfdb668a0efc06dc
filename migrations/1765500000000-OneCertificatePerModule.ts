// A learner holds at most one active (not revoked) certificate per module, whichever session she passed it in: a
// second one needs the first revoked (an explicit re-issue). Certificates that already break the rule are marked
// with the earlier one they duplicate (to be revoked by their school) and left out of the index. Bulk batches report
// each learner they skip, with the reason.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OneCertificatePerModule1765500000000 implements MigrationInterface {
  name = 'OneCertificatePerModule1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential" ADD "duplicateOfId" uuid`);
    await queryRunner.query(`
      WITH ranked AS (
        SELECT id, first_value(id) OVER held AS "firstId", row_number() OVER held AS rank FROM "credential"
        WHERE "kind" = 'certificate' AND "state" <> 'revoked'
        WINDOW held AS (PARTITION BY "learnerId", "moduleId" ORDER BY "createdAt", id))
      UPDATE "credential" c SET "duplicateOfId" = ranked."firstId" FROM ranked WHERE c.id = ranked.id AND ranked.rank > 1`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_certificate_per_learner_module" ON "credential" ("learnerId", "moduleId") WHERE "kind" = 'certificate' AND "state" <> 'revoked' AND "duplicateOfId" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "credential_batch" ADD "skips" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credential_batch" DROP COLUMN "skips"`);
    await queryRunner.query(`DROP INDEX "uq_certificate_per_learner_module"`);
    await queryRunner.query(`ALTER TABLE "credential" DROP COLUMN "duplicateOfId"`);
  }
}
