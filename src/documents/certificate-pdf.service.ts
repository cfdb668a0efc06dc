// The paper form of a credential we issued: the renderer gets the names, Arabic titles and competency labels the
// credential itself does not carry, from the records it was issued from.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/roles.js';
import type { LocalizedText } from '../common/localized-text.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CredentialRecordsService } from '../credentials/credential-records.service.js';
import { CredentialsRepository } from '../credentials/credentials.repository.js';
import { InstitutionsRepository } from '../institutions/institutions.repository.js';
import { IssuerIdentityService } from '../institutions/issuer-identity.service.js';
import type { JsonObject } from '../credentials/vc/issuer.js';
import { CertificateRenderer } from './certificate-renderer.js';
import { certificateViewFromCredential, type LocalizedLabel } from './certificate-view.js';

const label = (text: LocalizedText | null | undefined): LocalizedLabel => ({ fr: text?.fr ?? text?.en ?? text?.ar ?? '', ...(text?.ar ? { ar: text.ar } : {}) });

@Injectable()
export class CertificatePdfService {
  constructor(
    private readonly records: CredentialRecordsService,
    private readonly credentials: CredentialsRepository,
    private readonly identity: IssuerIdentityService,
    private readonly schools: InstitutionsRepository,
    private readonly renderer: CertificateRenderer,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(id: string, actor: Actor): Promise<{ pdf: Uint8Array; filename: string }> {
    const dto = await this.records.get(id, actor);
    const credential = (await this.credentials.findCredential(id))!;
    const document = dto.verifiableCredential as JsonObject;
    const [learner] = credential.learnerId ? await this.dataSource.query(`SELECT "givenName", "familyName" FROM learner WHERE id = $1`, [credential.learnerId]) : [];
    const [achievement] = credential.moduleId
      ? await this.dataSource.query(`SELECT title, hours::float AS hours FROM training_module WHERE id = $1`, [credential.moduleId])
      : credential.programmeId ? await this.dataSource.query(`SELECT title, NULL AS hours FROM programme WHERE id = $1`, [credential.programmeId]) : [];

    const parties = [document.awardingBody ?? document.issuer].flat().map((party) => (typeof party === 'string' ? party : String((party as JsonObject)?.id ?? '')));
    const institutions = new Map<string, { name: LocalizedLabel; logoPng?: Uint8Array }>();
    for (const did of parties) {
      const school = await this.identity.institutionForDid(did);
      const logoPng = school ? await this.schools.logo(school.id) : null;
      if (school) institutions.set(did, { name: label(school.name), ...(logoPng ? { logoPng } : {}) });
    }
    const alignment = (((document.credentialSubject as JsonObject)?.achievement as JsonObject)?.alignment ?? []) as JsonObject[];
    const uris = alignment.map((entry) => String(entry.targetUrl));
    const items: { uri: string; label: LocalizedText }[] = uris.length ? await this.dataSource.query(`SELECT DISTINCT ON (uri) uri, label FROM framework_item WHERE uri = ANY($1::text[])`, [uris]) : [];

    const view = certificateViewFromCredential(document, {
      verificationUrl: `${this.config.publicBaseUrl}/verify/${id}`,
      learnerName: { fr: learner ? `${learner.givenName} ${learner.familyName}` : '' },
      achievementTitleAr: achievement?.title?.ar,
      hours: achievement?.hours ?? undefined,
      institutions,
      competencyLabels: new Map(items.map((item) => [item.uri, label(item.label)])),
      ...(credential.state === 'revoked' ? { statusLine: { fr: 'Révoqué', ar: 'ملغاة' } } : credential.state === 'suspended' ? { statusLine: { fr: 'Suspendu', ar: 'معلّقة' } } : {}),
    });
    return { pdf: await this.renderer.render({ view, credential: document }), filename: `${credential.kind}-${id}.pdf` };
  }
}
