// The paper form of a credential we issued: the renderer gets the names, Arabic titles and competency labels the
// credential itself does not carry from the records, once (the paper snapshot), and from the snapshot ever after.
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../auth/roles.js';
import type { LocalizedText } from '../common/localized-text.js';
import { conflict } from '../common/problems.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Credential } from '../credentials/credential.entity.js';
import { CredentialRecordsService } from '../credentials/credential-records.service.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { IssuerIdentityService } from '../credentials/issuers/issuer-identity.service.js';
import type { JsonObject } from '../credentials/vc/issuer.js';
import { CURRENT_LAYOUT } from './certificate-layouts.js';
import type { PaperExtras } from './certificate-paper.entity.js';
import { CertificatePaperRepository, type PaperSnapshot, sha256Hex } from './certificate-paper.repository.js';
import { CertificateRenderer } from './certificate-renderer.js';
import { type CertificateDisplayExtras, type LocalizedLabel, certificateViewFromCredential } from './certificate-view.js';
import { STATUS_LINES, type StatusVariant } from './certificate-wording.js';

const label = (text: LocalizedText | null | undefined): LocalizedLabel => ({
  fr: text?.fr ?? text?.en ?? text?.ar ?? '',
  ...(text?.ar ? { ar: text.ar } : {}),
});

/** The renderer's extras from a snapshot, with the status line of `variant` (from the closed list) if any. */
export function displayExtras(snapshot: PaperSnapshot, variant: StatusVariant | undefined): CertificateDisplayExtras {
  const { extras, logos } = snapshot;
  return {
    verificationUrl: extras.verificationUrl,
    learnerName: extras.learnerName,
    ...(extras.achievementTitleAr !== undefined ? { achievementTitleAr: extras.achievementTitleAr } : {}),
    ...(extras.hours !== undefined ? { hours: extras.hours } : {}),
    institutions: new Map(
      extras.institutions.map((school) => {
        const logoPng = school.logoSha256 ? logos.get(school.logoSha256) : undefined;
        return [school.did, { name: school.name, ...(logoPng ? { logoPng } : {}) }];
      }),
    ),
    competencyLabels: new Map(extras.competencyLabels),
    ...(variant ? { statusLine: STATUS_LINES[variant] } : {}),
  };
}

@Injectable()
export class CertificatePdfService {
  constructor(
    private readonly records: CredentialRecordsService,
    private readonly credentials: CredentialsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly schools: InstitutionsRepository,
    private readonly papers: CertificatePaperRepository,
    private readonly renderer: CertificateRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(id: string, actor: Actor): Promise<{ pdf: Uint8Array; filename: string }> {
    const dto = await this.records.get(id, actor);
    const credential = (await this.credentials.findCredential(id))!;
    // Printed with some proofs missing, the page would show a diploma that does not verify.
    if (credential.state === 'awaiting_signatures')
      throw conflict('awaiting_signatures', 'The diploma is not signed by every co-accrediting school yet: it has no PDF until then.');
    const document = dto.verifiableCredential as JsonObject;
    const snapshot = (await this.papers.find(id)) ?? (await this.snapshot(credential, document));
    const variant: StatusVariant | undefined =
      credential.state === 'revoked' || credential.state === 'suspended' ? credential.state : undefined;
    const view = certificateViewFromCredential(document, displayExtras(snapshot, variant));
    return {
      pdf: await this.renderer.render({ view, credential: document, layout: snapshot.layout }),
      filename: `${credential.kind}-${id}.pdf`,
    };
  }

  /** What the records say today, frozen as the credential's paper snapshot (or the one a concurrent request kept). */
  private async snapshot(credential: Credential, document: JsonObject): Promise<PaperSnapshot> {
    const learner = await this.papers.learnerName(credential);
    const achievement = await this.papers.achievement(credential);

    const parties = [document.awardingBody ?? document.issuer]
      .flat()
      .map((party) => (typeof party === 'string' ? party : String((party as JsonObject)?.id ?? '')));
    const institutions: PaperExtras['institutions'] = [];
    const logos: Uint8Array[] = [];
    for (const did of parties) {
      const school = await this.identity.institutionForDid(did);
      if (!school) continue;
      const logoPng = await this.schools.logo(school.id);
      if (logoPng) logos.push(logoPng);
      institutions.push({ did, name: label(school.name), ...(logoPng ? { logoSha256: sha256Hex(logoPng) } : {}) });
    }
    const alignment = (((document.credentialSubject as JsonObject)?.achievement as JsonObject)?.alignment ?? []) as JsonObject[];
    const uris = alignment.map((entry) => String(entry.targetUrl));
    const items = await this.papers.competencyLabels(uris);

    const extras: PaperExtras = {
      verificationUrl: `${this.config.publicBaseUrl}/verify/${credential.id}`,
      learnerName: { fr: learner ? `${learner.givenName} ${learner.familyName}` : '' },
      ...(achievement?.title?.ar ? { achievementTitleAr: achievement.title.ar as string } : {}),
      ...(achievement?.hours != null ? { hours: Number(achievement.hours) } : {}),
      institutions,
      competencyLabels: items.map((item) => [item.uri, label(item.label)]),
    };
    return this.papers.keepFirst(credential.id, CURRENT_LAYOUT, extras, logos);
  }
}
