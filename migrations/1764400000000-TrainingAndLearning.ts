// Training catalogue (modules, outcomes, programmes, sessions) and learner records (enrolments, assessments, evidence).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingAndLearning1764400000000 implements MigrationInterface {
  name = 'TrainingAndLearning1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "training_module" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "title" jsonb NOT NULL,
        "description" jsonb,
        "ownerInstitutionId" uuid NOT NULL,
        "hours" numeric(6,1) NOT NULL,
        "ectsCredits" numeric(4,1),
        "modality" text NOT NULL,
        "language" text NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_9b8d0e5f39fcbabed5e61c1f929" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_module_code" ON "training_module" ("ownerInstitutionId", "code")`);
    await queryRunner.query(`CREATE TABLE "learning_outcome" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "moduleId" uuid NOT NULL,
        "position" integer NOT NULL,
        "description" jsonb,
        "itemId" uuid NOT NULL,
        "itemIdentifier" uuid NOT NULL,
        "levelId" uuid NOT NULL,
        "levelRank" integer NOT NULL,
        CONSTRAINT "PK_d9b8daa635a6f50f3f28c8c487a" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_outcome_item_identifier" ON "learning_outcome" ("itemIdentifier", "levelRank")`);
    await queryRunner.query(`CREATE INDEX "ix_outcome_module" ON "learning_outcome" ("moduleId")`);
    await queryRunner.query(`CREATE TABLE "programme" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "kind" text NOT NULL,
        "title" jsonb NOT NULL,
        "description" jsonb,
        "ownerInstitutionId" uuid NOT NULL,
        "minimumAverage" numeric(5,2),
        "internshipRequired" boolean NOT NULL DEFAULT false,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_programme_code" ON "programme" ("ownerInstitutionId", "code")`);
    await queryRunner.query(`CREATE TABLE "programme_award" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programmeId" uuid NOT NULL,
        "institutionId" uuid NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_6f99f3da4f4578fc77d8dc11a0c" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_programme_award" ON "programme_award" ("programmeId", "institutionId")`);
    await queryRunner.query(`CREATE TABLE "elective_group" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programmeId" uuid NOT NULL,
        "code" text NOT NULL,
        "minimumModules" integer NOT NULL,
        CONSTRAINT "PK_00002542ea12912150036ee355c" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_elective_group" ON "elective_group" ("programmeId", "code")`);
    await queryRunner.query(`CREATE TABLE "programme_module" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programmeId" uuid NOT NULL,
        "moduleId" uuid NOT NULL,
        "position" integer NOT NULL,
        "electiveGroupId" uuid,
        "prerequisiteModuleIds" uuid array NOT NULL,
        CONSTRAINT "PK_f4f1286de62c1ebc7143a46bb16" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_programme_module" ON "programme_module" ("programmeId", "moduleId")`);
    await queryRunner.query(`CREATE TABLE "training_session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" text NOT NULL,
        "moduleId" uuid,
        "programmeId" uuid,
        "institutionId" uuid NOT NULL,
        "startsOn" date NOT NULL,
        "endsOn" date NOT NULL,
        "place" text,
        "onlineUrl" text,
        "trainers" jsonb NOT NULL,
        "capacity" integer NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_session_dates" CHECK ("endsOn" >= "startsOn"),
        CONSTRAINT "ck_session_subject" CHECK (("moduleId" IS NULL) <> ("programmeId" IS NULL)),
        CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_session_institution_start" ON "training_session" ("institutionId", "startsOn")`);
    await queryRunner.query(`CREATE TABLE "learner" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "givenName" text NOT NULL,
        "familyName" text NOT NULL,
        "staffNumber" text,
        "email" text,
        "employerInstitutionId" uuid NOT NULL,
        "currentProfileId" uuid,
        "targetProfileId" uuid,
        "userId" uuid,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_c6521028f8bb5e7ab25067f8f4d" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_learner_employer" ON "learner" ("employerInstitutionId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_learner_user" ON "learner" ("userId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_learner_staff_number" ON "learner" ("employerInstitutionId", "staffNumber")`);
    await queryRunner.query(`CREATE TABLE "enrolment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "sessionId" uuid NOT NULL,
        "learnerId" uuid NOT NULL,
        "status" text NOT NULL DEFAULT 'enrolled',
        "attendanceRate" numeric(5,2),
        "completedAt" TIMESTAMP WITH TIME ZONE,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_enrolment_attendance" CHECK ("attendanceRate" IS NULL OR ("attendanceRate" >= 0 AND "attendanceRate" <= 100)),
        CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_enrolment_learner" ON "enrolment" ("learnerId")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_enrolment" ON "enrolment" ("sessionId", "learnerId")`);
    await queryRunner.query(`CREATE TABLE "assessment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "enrolmentId" uuid NOT NULL,
        "kind" text NOT NULL,
        "score" numeric(7,2) NOT NULL,
        "maxScore" numeric(7,2) NOT NULL,
        "passMark" numeric(7,2) NOT NULL,
        "passed" boolean NOT NULL,
        "assessedAt" TIMESTAMP WITH TIME ZONE NOT NULL,
        "note" text,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_assessment_score" CHECK ("score" >= 0 AND "score" <= "maxScore" AND "passMark" >= 0 AND "passMark" <= "maxScore"),
        CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_assessment_enrolment" ON "assessment" ("enrolmentId")`);
    await queryRunner.query(`CREATE TABLE "evidence" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "learnerId" uuid NOT NULL,
        "itemId" uuid NOT NULL,
        "itemIdentifier" uuid NOT NULL,
        "levelId" uuid NOT NULL,
        "levelRank" integer NOT NULL,
        "source" text NOT NULL,
        "enrolmentId" uuid,
        "assessmentId" uuid,
        "moduleId" uuid,
        "recordedById" uuid,
        "note" text,
        "observedAt" TIMESTAMP WITH TIME ZONE NOT NULL,
        "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evidence_per_enrolment_item" ON "evidence" ("enrolmentId", "itemIdentifier") WHERE "enrolmentId" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "ix_evidence_learner_item" ON "evidence" ("learnerId", "itemIdentifier", "levelRank")`);
    await queryRunner.query(`CREATE TABLE "training_module_provider" (
        "moduleId" uuid NOT NULL,
        "institutionId" uuid NOT NULL,
        CONSTRAINT "PK_3d4048ad043a3ba40c3bd4e56da" PRIMARY KEY ("moduleId",
        "institutionId")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_d602d9986f9fb94d17ff37fe5c" ON "training_module_provider" ("moduleId")`);
    await queryRunner.query(`CREATE INDEX "IDX_8186a19ec0e566a8968c498a7f" ON "training_module_provider" ("institutionId")`);
    await queryRunner.query(
      `ALTER TABLE "training_module" ADD CONSTRAINT "FK_01d9d8a99c52edc5a51a722e3e9" FOREIGN KEY ("ownerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_outcome" ADD CONSTRAINT "FK_6afe95e8b54637479b0feec9824" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_outcome" ADD CONSTRAINT "FK_592b483ae4d263216e678e9161b" FOREIGN KEY ("itemId") REFERENCES "framework_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learning_outcome" ADD CONSTRAINT "FK_6546d05c04dd8a91937fe40a574" FOREIGN KEY ("levelId") REFERENCES "proficiency_level"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme" ADD CONSTRAINT "FK_6f4f6ea875dd372fd1fd17b60be" FOREIGN KEY ("ownerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_award" ADD CONSTRAINT "FK_464dbc4a44771d589b789c0cb49" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_award" ADD CONSTRAINT "FK_7a987a61645a63644d3ef4bb6a0" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "elective_group" ADD CONSTRAINT "FK_de86da5e19640b0ddb8233da6ab" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_module" ADD CONSTRAINT "FK_276ae38b9785bef0698022aa497" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_module" ADD CONSTRAINT "FK_19554ab8635c0bc59f93af3023e" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "programme_module" ADD CONSTRAINT "FK_d5675c0e986410c975b17f55d11" FOREIGN KEY ("electiveGroupId") REFERENCES "elective_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "FK_dbb42cc1ec4f9ef39acade34307" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "FK_99e0a9a0924b9edcbcf4c75362e" FOREIGN KEY ("programmeId") REFERENCES "programme"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "FK_3876e7ff50431a25283c2a68bfc" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner" ADD CONSTRAINT "FK_864f18595987811db1257a0e6f6" FOREIGN KEY ("employerInstitutionId") REFERENCES "institution"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner" ADD CONSTRAINT "FK_e702ffd6654f95fc076a62452ca" FOREIGN KEY ("currentProfileId") REFERENCES "job_profile"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner" ADD CONSTRAINT "FK_9aca29ec5b72477777e508a7cf7" FOREIGN KEY ("targetProfileId") REFERENCES "job_profile"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "learner" ADD CONSTRAINT "FK_7a8c7e8af1a915f349f0c656b58" FOREIGN KEY ("userId") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_b19f9f6f196b4e1ed3b4793ab24" FOREIGN KEY ("sessionId") REFERENCES "training_session"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enrolment" ADD CONSTRAINT "FK_e749703f89399dbbef31d523a05" FOREIGN KEY ("learnerId") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "FK_fdfe07af2b1cfcab6f305d3d762" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_c84190cbe6439f6de847e248466" FOREIGN KEY ("learnerId") REFERENCES "learner"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_2a73a751a9878a21ce44a0e03d3" FOREIGN KEY ("itemId") REFERENCES "framework_item"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_fe0847ae90491197bcda254231f" FOREIGN KEY ("levelId") REFERENCES "proficiency_level"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_9882f9339533337d17c48664dc0" FOREIGN KEY ("enrolmentId") REFERENCES "enrolment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_08a974590f50c8b81a3b3466f76" FOREIGN KEY ("assessmentId") REFERENCES "assessment"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_87d0473ceb32c5d863ec188257e" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_b5bd88fe5228e3bb1149072dc2a" FOREIGN KEY ("recordedById") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_module_provider" ADD CONSTRAINT "FK_d602d9986f9fb94d17ff37fe5c9" FOREIGN KEY ("moduleId") REFERENCES "training_module"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_module_provider" ADD CONSTRAINT "FK_8186a19ec0e566a8968c498a7fb" FOREIGN KEY ("institutionId") REFERENCES "institution"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "training_module_provider" CASCADE`);
    await queryRunner.query(`DROP TABLE "evidence" CASCADE`);
    await queryRunner.query(`DROP TABLE "assessment" CASCADE`);
    await queryRunner.query(`DROP TABLE "enrolment" CASCADE`);
    await queryRunner.query(`DROP TABLE "learner" CASCADE`);
    await queryRunner.query(`DROP TABLE "training_session" CASCADE`);
    await queryRunner.query(`DROP TABLE "programme_module" CASCADE`);
    await queryRunner.query(`DROP TABLE "elective_group" CASCADE`);
    await queryRunner.query(`DROP TABLE "programme_award" CASCADE`);
    await queryRunner.query(`DROP TABLE "programme" CASCADE`);
    await queryRunner.query(`DROP TABLE "learning_outcome" CASCADE`);
    await queryRunner.query(`DROP TABLE "training_module" CASCADE`);
  }
}
