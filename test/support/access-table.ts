// Who may call each operation on objects owned by school A or learner X (see access-world.ts): one row per
// permission, first match wins. An operation with no row fails the matrix, so a new route needs its row here.
import type { Caller } from './access-world.js';

const EVERYONE: Caller[] = ['admin', 'hrA', 'hrB', 'registrarA', 'registrarB', 'learnerX', 'learnerY', 'anonymous'];
const SIGNED_IN = EVERYONE.filter((caller) => caller !== 'anonymous');
const ADMIN: Caller[] = ['admin'];
const HR_MANAGERS: Caller[] = ['admin', 'hrA', 'hrB'];
const REGISTRARS: Caller[] = ['admin', 'registrarA', 'registrarB'];
/** Permission.FrameworkManage (and TeamGapsRead, StaffRegister of A): A's HR managers. */
const HR_OF_A: Caller[] = ['admin', 'hrA'];
/** Permission.CatalogueManage, SessionRecordsManage, CredentialIssue... of A: A's registrars. */
const REGISTRAR_OF_A: Caller[] = ['admin', 'registrarA'];
/** Permission.LearnerRead of X: the learner, the employer (A), the school X trains with (A, accepted and active). */
const READERS_OF_X: Caller[] = ['admin', 'hrA', 'registrarA', 'learnerX'];

const TABLE: [RegExp, string, Caller[]][] = [
  [
    /^(GET \/health|POST \/auth\/login|GET \/institutions(\/\{id\}(\/(logo|catalogue))?)?|GET \/(frameworks|framework-items|job-profiles|modules|programmes|sessions))$/,
    'public',
    EVERYONE,
  ],
  [/^GET \/(modules|programmes|sessions)\/\{id\}$/, 'public', EVERYONE],
  [
    /^(GET \/issuers\/\{slug\}\/did\.json|GET \/status-lists\/\{id\}\/\w+|POST \/(credentials|presentations)\/verify|(GET|POST) \/verify(\/\{id\})?|POST \/verifications|GET \/ims\/case\/.*)$/,
    'public',
    EVERYONE,
  ],
  [/^(GET \/auth\/me|GET \/learners)$/, 'signed in (lists are scoped)', SIGNED_IN],
  [/^((GET|POST) \/users|POST \/institutions|PATCH \/institutions\/\{id\})$/, 'admin', ADMIN],
  [/^PUT \/institutions\/\{id\}\/logo$/, 'InstitutionLogoUpdate', REGISTRAR_OF_A],
  [/^(GET|POST) \/institutions\/\{id\}\/issuer-keys(\/rotation)?$/, 'IssuerKeyRead / IssuerKeyRotate', REGISTRAR_OF_A],
  [/^GET \/institutions\/\{id\}\/team-gaps(\.csv|\.svg)?$/, 'TeamGapsRead', HR_OF_A],
  [/^GET \/institutions\/\{id\}\/credentials\/awaiting-signature$/, 'SignatureQueueRead', REGISTRAR_OF_A],
  [/^POST \/(frameworks|job-profiles|framework-imports\/\w+)$/, 'FrameworkManage of their own institution', HR_MANAGERS],
  [/^\w+ \/(frameworks|job-profiles)\/\{id\}/, 'FrameworkManage (A’s drafts, changes)', HR_OF_A],
  [
    /^(POST \/(modules|programmes|sessions|results-imports)|GET \/audit-events)$/,
    'CatalogueManage / AuditLogRead of their own school',
    REGISTRARS,
  ],
  [/^(PATCH|PUT|DELETE) \/(modules|programmes|sessions)\/\{id\}(\/outcomes)?$/, 'CatalogueManage', REGISTRAR_OF_A],
  [/^POST \/sessions\/\{id\}\/enrolments$/, 'SessionRecordsManage (offer) or EnrolmentRequest (employer)', ['admin', 'hrA', 'registrarA']],
  [
    /^(GET \/sessions\/\{id\}\/enrolments|\w+ \/sessions\/\{id\}\/(assessments|questionnaire-comparison))$/,
    'SessionRecordsManage',
    REGISTRAR_OF_A,
  ],
  [/^(POST \/sessions\/\{id\}\/credential-batches|GET \/credential-batches\/\{id\})$/, 'CredentialIssue', REGISTRAR_OF_A],
  [/^PATCH \/enrolments\/\{id\}$/, 'EnrolmentUpdate', REGISTRAR_OF_A],
  [/^POST \/enrolments\/\{id\}\/acceptance$/, 'EnrolmentAccept (accepted: either side)', READERS_OF_X],
  [/^POST \/learners$/, 'StaffRegister of their own institution', HR_MANAGERS],
  [
    /^(PATCH \/learners\/\{id\}|POST \/learners\/\{id\}\/evidence)$/,
    'LearnerUpdate / LearnerEvidenceCreate (a registrar names a session)',
    HR_OF_A,
  ],
  [/^POST \/learners\/\{id\}\/transcripts$/, 'TranscriptIssue (the programme’s awarding school)', REGISTRAR_OF_A],
  [/^GET \/learners\/\{id\}/, 'LearnerRead', READERS_OF_X],
  [/^GET \/credentials\/\{id\}(\/(download|pdf))?$/, 'CredentialRead', READERS_OF_X],
  [/^POST \/credentials\/\{id\}\/signatures$/, 'CredentialSign', ['registrarA']],
  [
    /^POST \/(credentials\/(certificates|diplomas)|issuers\/\{slug\}\/credentials\/(issue|status))$/,
    'CredentialIssue / CredentialStatusChange',
    REGISTRAR_OF_A,
  ],
];

export function expectedAccess(operation: string): { permission: string; allowed: Caller[]; public: boolean } | undefined {
  const row = TABLE.find(([pattern]) => pattern.test(operation));
  return row && { permission: row[1], allowed: row[2], public: row[1] === 'public' };
}
