// Issuer keys, credentials with their proofs and status-list indexes, status lists, bulk batches, append-only audit log.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Credentials1764500000000 implements MigrationInterface {
  name = 'Credentials1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "action" text NOT NULL,
        "actorId" uuid,
        "institutionId" uuid,
        "credentialId" uuid,
        "reason" text,
        "details" jsonb,
        CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_institution" ON "audit_event" ("institutionId", "at")`);
    await queryRunner.query(`CREATE INDEX "ix_audit_credential" ON "audit_event" ("credentialId", "at")`);
    await queryRunner.query(`CREATE TABLE "credential_batch" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "sessionId" uuid,
        "institutionId" uuid NOT NULL,
        "requestedById" uuid,
        "state" text NOT NULL,
        "total" integer NOT NULL DEFAULT '0',
        "issued" integer NOT NULL DEFAULT '0',
        "skipped" integer NOT NULL DEFAULT '0',
        "failed" integer NOT NULL DEFAULT '0',
        "errors" jsonb NOT NULL DEFAULT '[]',
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finishedAt" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_6c2f4325d9e1f70781f2cad19bf" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_batch_session" ON "credential_batch" ("sessionId")`);
    await queryRunner.query(`CREATE TABLE "status_list" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "institutionId" uuid NOT NULL,
        "size" integer NOT NULL,
        "allocated" integer NOT NULL DEFAULT '0',
        "revocationBits" bytea NOT NULL,
        "suspensionBits" bytea NOT NULL,
        "revocationCredential" jsonb,
        "suspensionCredential" jsonb,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_a8cd668e07ac9824d37d3a0cd1d" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_status_list_institution" ON "status_list" ("institutionId")`);
    await queryRunner.query(`CREATE TABLE "credential" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" text NOT NULL,
        "state" text NOT NULL,
        "document" jsonb NOT NULL,
        "issuerInstitutionId" uuid NOT NULL,
        "signerInstitutionIds" uuid array NOT NULL,
        "learnerId" uuid,
        "enrolmentId" uuid,
        "moduleId" uuid,
        "programmeId" uuid,
        "statusListId" uuid NOT NULL,
        "statusListIndex" integer NOT NULL,
        "statusReason" text,
        "batchId" uuid,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "issuedAt" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_3a5169bcd3d5463cefeec78be82" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_credential_batch" ON "credential" ("batchId")`);
    await queryRunner.query(`CREATE INDEX "ix_credential_learner" ON "credential" ("learnerId")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_diploma_per_learner" ON "credential" ("learnerId", "programmeId") WHERE "kind" = 'diploma'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_certificate_per_enrolment" ON "credential" ("enrolmentId") WHERE "kind" = 'certificate'`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_status_index" ON "credential" ("statusListId", "statusListIndex")`);
    await queryRunner.query(`CREATE TABLE "credential_signature" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "credentialId" uuid NOT NULL,
        "institutionId" uuid NOT NULL,
        "verificationMethod" text NOT NULL,
        "signedById" uuid,
        "signedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_368f207672697b47a44cce23228" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credential_signature" ON "credential_signature" ("credentialId", "institutionId")`);
    await queryRunner.query(`CREATE TABLE "issuer_key" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "institutionId" uuid NOT NULL,
        "did" text NOT NULL,
        "verificationMethod" text NOT NULL,
        "publicKeyMultibase" text NOT NULL,
        "encryptedPrivateKey" jsonb NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "retiredAt" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_9df7b2035c3aaa65ad2f9ad55ab" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_issuer_key_method" ON "issuer_key" ("verificationMethod")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_issuer_key_active" ON "issuer_key" ("institutionId") WHERE "retiredAt" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "status_list" ADD CONSTRAINT "FK_aca5d9cfd12ba956a4a4155ba6c" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_673078902729f1842b564f44916" FOREIGN KEY ("issuerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_53c7cfacd8478032e5e4de00c68" FOREIGN KEY ("learnerId") REFERENCES "learner"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_b73df16b5cabd34f5aacf0dc06b" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_a8d486f392fd3273c00704aeae7" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_7cda44b935d17da8bde54524254" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential" ADD CONSTRAINT "FK_7cfb1e5c42b3aec7d06b6dfd1d6" FOREIGN KEY ("statusListId") REFERENCES "status_list"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_signature" ADD CONSTRAINT "FK_02eb9563c0a257ee9d4900c28db" FOREIGN KEY ("credentialId") REFERENCES "credential"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "issuer_key" ADD CONSTRAINT "FK_09655823aa51ba2eab72df2936a" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The audit log is append-only: history cannot be rewritten, even by the application's own role.
    await queryRunner.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
    await queryRunner.query(`DROP TABLE "issuer_key" CASCADE`);
    await queryRunner.query(`DROP TABLE "credential_signature" CASCADE`);
    await queryRunner.query(`DROP TABLE "credential" CASCADE`);
    await queryRunner.query(`DROP TABLE "status_list" CASCADE`);
    await queryRunner.query(`DROP TABLE "credential_batch" CASCADE`);
    await queryRunner.query(`DROP TABLE "audit_event" CASCADE`);
  }
}
