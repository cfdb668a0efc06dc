// Every entity and migration, listed explicitly (ESM has no reliable globbing at runtime).
import { Foundation1764000000000 } from '../../migrations/1764000000000-Foundation.js';
import { StandardExtras1764100000000 } from '../../migrations/1764100000000-StandardExtras.js';
import { TrainingAndLearning1764400000000 } from '../../migrations/1764400000000-TrainingAndLearning.js';
import { Credentials1764500000000 } from '../../migrations/1764500000000-Credentials.js';
import { JobQueue1764600000000 } from '../../migrations/1764600000000-JobQueue.js';
import { InstitutionLogo1764700000000 } from '../../migrations/1764700000000-InstitutionLogo.js';
import { StatusListRevision1764800000000 } from '../../migrations/1764800000000-StatusListRevision.js';
import { LoginFailures1764900000000 } from '../../migrations/1764900000000-LoginFailures.js';
import { CertificatePaper1765000000000 } from '../../migrations/1765000000000-CertificatePaper.js';
import { CredentialIdUnique1765100000000 } from '../../migrations/1765100000000-CredentialIdUnique.js';
import { CredentialStatusChangedAt1765200000000 } from '../../migrations/1765200000000-CredentialStatusChangedAt.js';
import { LoginAttempts1765300000000 } from '../../migrations/1765300000000-LoginAttempts.js';
import { OneCertificatePerModule1765500000000 } from '../../migrations/1765500000000-OneCertificatePerModule.js';
import { EnrolmentConsent1765600000000 } from '../../migrations/1765600000000-EnrolmentConsent.js';
import { VcApiCredentialId1766600000000 } from '../../migrations/1766600000000-VcApiCredentialId.js';
import { CertificateLogo, CertificatePaper } from '../documents/certificate-paper.entity.js';
import { LoginAttemptCount } from '../auth/login-attempt-count.entity.js';
import { User } from '../auth/user.entity.js';
import { AuditEvent } from '../credentials/audit/audit-event.entity.js';
import { CredentialBatch } from '../credentials/batch/credential-batch.entity.js';
import { Credential, CredentialSignature } from '../credentials/credential.entity.js';
import { StatusList } from '../credentials/status/status-list.entity.js';
import { IssuerKey } from '../credentials/issuers/issuer-key.entity.js';
import { ElectiveGroup, Programme, ProgrammeAward, ProgrammeModule } from '../catalogue/programme.entity.js';
import { LearningOutcome, TrainingModule } from '../catalogue/training-module.entity.js';
import { TrainingSession } from '../catalogue/training-session.entity.js';
import { Assessment } from '../learning/assessment.entity.js';
import { Enrolment } from '../learning/enrolment.entity.js';
import { Evidence } from '../learning/evidence.entity.js';
import { Learner } from '../learning/learner.entity.js';
import { FrameworkItem } from '../frameworks/framework-item.entity.js';
import { Framework } from '../frameworks/framework.entity.js';
import { ItemAssociation } from '../frameworks/item-association.entity.js';
import { ProficiencyLevel, ProficiencyScale } from '../frameworks/proficiency-scale.entity.js';
import { Institution } from '../institutions/institution.entity.js';
import { JobProfile, ProfileRequirement } from '../profiles/job-profile.entity.js';

export const entities = [
  Institution,
  User,
  LoginAttemptCount,
  Framework,
  ProficiencyScale,
  ProficiencyLevel,
  FrameworkItem,
  ItemAssociation,
  JobProfile,
  ProfileRequirement,
  TrainingModule,
  LearningOutcome,
  Programme,
  ProgrammeAward,
  ElectiveGroup,
  ProgrammeModule,
  TrainingSession,
  Learner,
  Enrolment,
  Assessment,
  Evidence,
  IssuerKey,
  StatusList,
  Credential,
  CredentialSignature,
  AuditEvent,
  CredentialBatch,
  CertificatePaper,
  CertificateLogo,
];

export const migrations = [
  Foundation1764000000000,
  StandardExtras1764100000000,
  TrainingAndLearning1764400000000,
  Credentials1764500000000,
  JobQueue1764600000000,
  InstitutionLogo1764700000000,
  StatusListRevision1764800000000,
  LoginFailures1764900000000,
  CertificatePaper1765000000000,
  CredentialIdUnique1765100000000,
  CredentialStatusChangedAt1765200000000,
  LoginAttempts1765300000000,
  OneCertificatePerModule1765500000000,
  EnrolmentConsent1765600000000,
  VcApiCredentialId1766600000000,
];
