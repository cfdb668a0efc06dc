// Demo content: two health-management schools, a hospital-management competency framework and five job profiles.
import type { DemoFramework, DemoInstitution, DemoJobProfile } from './demo-data.types.js';

export const demoInstitutions: DemoInstitution[] = [
  {
    slug: 'ensm-alger',
    kind: 'school',
    name: {
      fr: 'École nationale supérieure de management des établissements de santé',
      ar: 'المدرسة الوطنية العليا لتسيير المؤسسات الصحية',
      en: 'National Higher School of Health Facility Management',
    },
    country: 'DZ',
    website: 'https://www.ensm.example.dz',
  },
  {
    slug: 'ehesp-rennes',
    kind: 'school',
    name: {
      fr: 'École des hautes études en santé publique',
      ar: 'مدرسة الدراسات العليا في الصحة العامة',
      en: 'School of Advanced Studies in Public Health',
    },
    country: 'FR',
    website: 'https://www.ehesp.example.fr',
  },
];

export const demoFramework: DemoFramework = {
  ownerSlug: 'ensm-alger',
  version: '2026.1',
  title: {
    fr: 'Management des établissements de santé',
    ar: 'تسيير المؤسسات الصحية',
    en: 'Health facility management',
  },
  description: {
    fr: "Référentiel des compétences attendues des cadres de direction et des responsables de fonctions support des établissements de santé, utilisé pour la formation initiale et continue des managers hospitaliers. Les niveaux requis suivent l'échelle de profondeur des répertoires des métiers hospitaliers.",
    ar: 'مرجع الكفاءات المنتظرة من إطارات التسيير ومسؤولي وظائف الدعم في المؤسسات الصحية، يُستعمل في التكوين القاعدي والتكوين المتواصل لمسيّري المستشفيات. وتتبع المستويات المطلوبة سلّم العمق المعتمد في مدوّنات المهن الاستشفائية.',
    en: 'Framework of the competencies expected from senior managers and heads of support functions in health facilities, used for the initial and continuing education of hospital managers. Required levels follow the depth scale of hospital job repertories.',
  },
  scale: {
    code: 'profondeur',
    title: {
      fr: 'Degré de profondeur des connaissances et de maîtrise',
      ar: 'درجة عمق المعارف والتحكم',
      en: 'Depth of knowledge and mastery',
    },
    levels: [
      {
        rank: 1,
        code: 'notions',
        label: { fr: 'Notions générales', ar: 'مفاهيم عامة', en: 'General notions' },
        description: {
          fr: 'Connaissances générales permettant de comprendre le vocabulaire et les enjeux du domaine.',
        },
      },
      {
        rank: 2,
        code: 'pratique',
        label: {
          fr: 'Connaissances détaillées, pratique courante',
          ar: 'معارف مفصّلة وممارسة اعتيادية',
          en: 'Detailed knowledge, routine practice',
        },
        description: {
          fr: 'Connaissances détaillées et mise en œuvre autonome dans les situations courantes.',
        },
      },
      {
        rank: 3,
        code: 'maitrise',
        label: {
          fr: 'Connaissances approfondies, maîtrise',
          ar: 'معارف معمّقة وتحكّم',
          en: 'In-depth knowledge, mastery',
        },
        description: {
          fr: 'Maîtrise du domaine, y compris dans les situations complexes ou inhabituelles ; capacité à conseiller.',
        },
      },
      {
        rank: 4,
        code: 'expertise',
        label: { fr: 'Expertise', ar: 'خبرة', en: 'Expertise' },
        description: {
          fr: 'Référence reconnue dans le domaine : capacité à faire évoluer les pratiques, à former et à arbitrer.',
        },
      },
    ],
  },
  items: [
    {
      code: 'PS',
      itemType: 'domain',
      label: {
        fr: 'Pilotage stratégique des établissements de santé',
        ar: 'التسيير الاستراتيجي للمؤسسات الصحية',
        en: 'Strategic management of health facilities',
      },
      description: {
        fr: "Définir les orientations de l'établissement, contractualiser avec la tutelle et piloter la performance.",
      },
      children: [
        {
          code: 'PS-1',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Élaborer et conduire le projet d'établissement",
            ar: 'إعداد مشروع المؤسسة وقيادة تنفيذه',
            en: 'Drafting and leading the establishment project',
          },
          description: {
            fr: 'Formaliser avec la communauté médicale et soignante les orientations stratégiques à cinq ans et en piloter la mise en œuvre.',
          },
          children: [
            {
              code: 'PS-1.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Réaliser le diagnostic stratégique de l'établissement et de son territoire",
                ar: 'إجراء التشخيص الاستراتيجي للمؤسسة ولإقليمها الصحي',
                en: 'Carrying out the strategic diagnosis of the facility and its catchment area',
              },
            },
            {
              code: 'PS-1.2',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Articuler projet médical, projet de soins et projet social',
                ar: 'المواءمة بين المشروع الطبي ومشروع العلاج والمشروع الاجتماعي',
                en: 'Aligning the medical, nursing care and social projects',
              },
            },
          ],
        },
        {
          code: 'PS-2',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Négocier et suivre le contrat pluriannuel d'objectifs et de moyens",
            ar: 'التفاوض حول العقد متعدد السنوات للأهداف والوسائل ومتابعته',
            en: 'Negotiating and monitoring the multi-year objectives and resources contract',
          },
          description: {
            fr: 'Traduire les priorités de santé fixées par la tutelle en engagements, indicateurs et échéances, et rendre compte de leur atteinte.',
          },
        },
        {
          code: 'PS-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Piloter la performance médico-économique',
            ar: 'قيادة الأداء الطبي الاقتصادي',
            en: 'Steering medico-economic performance',
          },
          description: {
            fr: "Animer le dialogue de gestion avec les pôles à partir des données d'activité, de coûts et de qualité.",
          },
          children: [
            {
              code: 'PS-3.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Analyser les comptes de résultat analytiques par pôle',
                ar: 'تحليل حسابات النتائج التحليلية حسب الأقطاب',
                en: 'Analysing cost-accounting income statements by clinical division',
              },
            },
            {
              code: 'PS-3.2',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Construire et suivre les tableaux de bord de pilotage',
                ar: 'إعداد لوحات القيادة ومتابعتها',
                en: 'Building and monitoring management dashboards',
              },
            },
          ],
        },
        {
          code: 'PS-4',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Cadre juridique du système de santé et gouvernance hospitalière',
            ar: 'الإطار القانوني للمنظومة الصحية وحوكمة المستشفيات',
            en: 'Legal framework of the health system and hospital governance',
          },
          description: {
            fr: "Textes régissant les établissements publics de santé, rôle des instances (conseil d'administration, conseil médical) et relations avec la tutelle.",
          },
        },
        {
          code: 'PS-5',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Financement des établissements de santé et procédure budgétaire',
            ar: 'تمويل المؤسسات الصحية والإجراءات الميزانياتية',
            en: 'Health facility financing and budget procedure',
          },
          description: {
            fr: "Modes de financement (budget global, tarification à l'activité, contractualisation avec les organismes de sécurité sociale) et cycle budgétaire.",
          },
        },
        {
          code: 'PS-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Conduire le changement et les projets de réorganisation',
            ar: 'قيادة التغيير ومشاريع إعادة التنظيم',
            en: 'Leading change and reorganisation projects',
          },
          description: {
            fr: 'Mener les restructurations de services et les coopérations territoriales en associant les équipes et les partenaires sociaux.',
          },
        },
        {
          code: 'PS-7',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Animer la gouvernance et le dialogue avec les instances',
            ar: 'تنشيط الحوكمة والحوار مع الهيئات',
            en: 'Running governance and dialogue with institutional bodies',
          },
          description: {
            fr: "Préparer et conduire les séances du conseil d'administration, du conseil médical et des instances représentatives du personnel.",
          },
        },
        {
          code: 'PS-8',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: "Faire preuve de leadership et du sens de l'intérêt général",
            ar: 'التحلي بروح القيادة وبحسّ المصلحة العامة',
            en: 'Showing leadership and a sense of public service',
          },
          description: {
            fr: 'Incarner les valeurs du service public hospitalier, fédérer les équipes autour du projet et arbitrer avec équité.',
          },
        },
      ],
    },
    {
      code: 'GC',
      itemType: 'domain',
      label: { fr: 'Gestion de crise', ar: 'إدارة الأزمات', en: 'Crisis management' },
      description: {
        fr: "Préparer l'établissement aux situations sanitaires exceptionnelles et conduire la réponse en cas de crise.",
      },
      children: [
        {
          code: 'GC-1',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Dispositifs de réponse aux situations sanitaires exceptionnelles (plan blanc, plan ORSEC)',
            ar: 'أجهزة الاستجابة للأوضاع الصحية الاستثنائية (المخطط الأبيض، مخطط تنظيم التدخلات والإسعافات ORSEC)',
            en: 'Response plans for exceptional health situations (hospital emergency plan, ORSEC plan)',
          },
          description: {
            fr: "Articulation entre le plan blanc de l'établissement, le plan ORSEC, les niveaux d'alerte et le rôle des autorités administratives et sanitaires.",
          },
        },
        {
          code: 'GC-2',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Élaborer et actualiser le plan blanc de l'établissement",
            ar: 'إعداد المخطط الأبيض للمؤسسة وتحيينه',
            en: "Drafting and updating the facility's emergency plan",
          },
          description: {
            fr: "Recenser les risques, définir les procédures de rappel des personnels, de déprogrammation et d'accueil massif de victimes.",
          },
          children: [
            {
              code: 'GC-2.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Organiser des exercices de simulation et les retours d'expérience",
                ar: 'تنظيم تمارين المحاكاة واستخلاص الدروس من التجارب',
                en: 'Organising simulation exercises and after-action reviews',
              },
            },
          ],
        },
        {
          code: 'GC-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Activer et animer une cellule de crise',
            ar: 'تفعيل خلية الأزمة وتنشيطها',
            en: 'Activating and running a crisis unit',
          },
          description: {
            fr: 'Déclencher le dispositif, répartir les fonctions (décision, logistique, communication, main courante) et rythmer les points de situation.',
          },
          children: [
            {
              code: 'GC-3.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Tenir la main courante et les points de situation',
                ar: 'مسك سجل الأحداث وإعداد تقارير الوضع',
                en: 'Keeping the crisis log and situation reports',
              },
            },
          ],
        },
        {
          code: 'GC-4',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Gérer les tensions hospitalières et l'afflux de patients",
            ar: 'إدارة التوترات الاستشفائية وتدفّق المرضى',
            en: 'Managing hospital overcrowding and patient surges',
          },
          description: {
            fr: 'Anticiper la saturation des urgences et des lits, piloter la déprogrammation et les transferts avec les établissements du territoire.',
          },
          children: [
            {
              code: 'GC-4.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Piloter la disponibilité des lits en temps réel',
                ar: 'متابعة توفّر الأسرّة في الوقت الفعلي',
                en: 'Managing real-time bed availability',
              },
            },
          ],
        },
        {
          code: 'GC-5',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Typologie des risques et menaces sanitaires (épidémique, NRBC, climatique, cyber)',
            ar: 'تصنيف المخاطر والتهديدات الصحية (الوبائية، النووية والإشعاعية والبيولوجية والكيميائية، المناخية، السيبرانية)',
            en: 'Types of health risks and threats (epidemic, CBRN, climate, cyber)',
          },
          description: {
            fr: "Caractéristiques, signaux d'alerte et conséquences organisationnelles des principaux risques auxquels un établissement est exposé.",
          },
        },
        {
          code: 'GC-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Assurer la continuité d'activité en mode dégradé",
            ar: 'ضمان استمرارية النشاط في الوضع المتدهور',
            en: 'Ensuring business continuity in degraded mode',
          },
          description: {
            fr: "Élaborer le plan de continuité d'activité : fonctions critiques, procédures dégradées, ressources de secours (énergie, fluides, systèmes d'information).",
          },
        },
        {
          code: 'GC-7',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: "Garder son sang-froid et décider en situation d'incertitude",
            ar: 'التحلي برباطة الجأش واتخاذ القرار في حالات عدم اليقين',
            en: 'Keeping composure and deciding under uncertainty',
          },
          description: {
            fr: 'Hiérarchiser rapidement, décider avec des informations incomplètes et assumer ses décisions.',
          },
        },
      ],
    },
    {
      code: 'SI',
      itemType: 'domain',
      label: {
        fr: "Management opérationnel des systèmes d'information",
        ar: 'الإدارة العملياتية لنظم المعلومات',
        en: 'Operational management of information systems',
      },
      description: {
        fr: "Piloter le système d'information hospitalier au service des soins et de la gestion, en garantissant sa sécurité.",
      },
      children: [
        {
          code: 'SI-1',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Élaborer et piloter le schéma directeur des systèmes d'information",
            ar: 'إعداد المخطط التوجيهي لنظم المعلومات وقيادته',
            en: 'Drafting and steering the information systems master plan',
          },
          description: {
            fr: "Aligner la feuille de route numérique sur le projet d'établissement, prioriser les projets et programmer les investissements.",
          },
          children: [
            {
              code: 'SI-1.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Cartographier le système d'information existant",
                ar: 'إعداد خريطة نظام المعلومات القائم',
                en: 'Mapping the existing information system',
              },
            },
          ],
        },
        {
          code: 'SI-2',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: "Composantes du système d'information hospitalier (dossier patient informatisé, gestion administrative des patients, PACS, SIL)",
            ar: 'مكوّنات نظام المعلومات الاستشفائي (الملف الإلكتروني للمريض، التسيير الإداري للمرضى، نظام أرشفة الصور الطبية، نظام معلومات المخبر)',
            en: 'Components of the hospital information system (electronic patient record, patient administration, PACS, LIS)',
          },
          description: {
            fr: 'Fonctions, flux de données et dépendances des principales briques applicatives du système hospitalier.',
          },
        },
        {
          code: 'SI-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Garantir la sécurité des SI de santé et la protection des données personnelles',
            ar: 'ضمان أمن نظم المعلومات الصحية وحماية المعطيات ذات الطابع الشخصي',
            en: 'Ensuring health information security and personal data protection',
          },
          description: {
            fr: "Piloter l'analyse de risques, la politique de sécurité des systèmes d'information, la gestion des habilitations et la conformité réglementaire.",
          },
          children: [
            {
              code: 'SI-3.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Gérer les incidents de cybersécurité',
                ar: 'معالجة حوادث الأمن السيبراني',
                en: 'Handling cybersecurity incidents',
              },
            },
            {
              code: 'SI-3.2',
              itemType: 'sub_competency',
              kind: 'knowledge',
              label: {
                fr: 'Réglementation sur la protection des données de santé (RGPD, loi algérienne 18-07)',
                ar: 'التنظيم المتعلق بحماية المعطيات الصحية (اللائحة الأوروبية العامة لحماية البيانات، القانون الجزائري 18-07)',
                en: 'Health data protection regulations (GDPR, Algerian Law 18-07)',
              },
            },
          ],
        },
        {
          code: 'SI-4',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: "Standards d'interopérabilité en santé (HL7 FHIR, DICOM, profils IHE)",
            ar: 'معايير قابلية التشغيل البيني في الصحة (HL7 FHIR، DICOM، ملامح IHE)',
            en: 'Health interoperability standards (HL7 FHIR, DICOM, IHE profiles)',
          },
          description: {
            fr: "Principes des échanges normalisés de données cliniques et d'images, terminologies de référence et identification des patients.",
          },
        },
        {
          code: 'SI-5',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Conduire les projets de déploiement applicatif',
            ar: 'قيادة مشاريع نشر التطبيقات',
            en: 'Leading application roll-out projects',
          },
          description: {
            fr: 'Rédiger le cahier des charges, conduire la consultation, paramétrer, former les utilisateurs et accompagner le changement.',
          },
        },
        {
          code: 'SI-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Piloter l'exploitation et les contrats de services informatiques",
            ar: 'قيادة الاستغلال وعقود الخدمات المعلوماتية',
            en: 'Managing IT operations and service contracts',
          },
          description: {
            fr: 'Suivre les niveaux de service, la maintenance applicative, les hébergeurs et les marchés publics informatiques.',
          },
        },
        {
          code: 'SI-7',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Exploiter les données d'activité pour l'aide à la décision",
            ar: 'استغلال معطيات النشاط للمساعدة على اتخاذ القرار',
            en: 'Using activity data for decision support',
          },
          description: {
            fr: "Mettre à disposition de la direction et des pôles des entrepôts de données et des indicateurs d'activité fiables.",
          },
        },
        {
          code: 'SI-8',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: "Être à l'écoute des utilisateurs et orienté service",
            ar: 'الإصغاء إلى المستخدمين والتوجّه نحو الخدمة',
            en: 'Listening to users and being service-oriented',
          },
          description: {
            fr: 'Comprendre les contraintes des professionnels de soins et traduire leurs besoins en réponses adaptées.',
          },
        },
      ],
    },
    {
      code: 'TS',
      itemType: 'domain',
      label: {
        fr: 'Management des technologies de santé (biomédical)',
        ar: 'إدارة التكنولوجيات الصحية (الهندسة الطبية الحيوية)',
        en: 'Health technology management (biomedical)',
      },
      description: {
        fr: 'Planifier, acquérir, maintenir et sécuriser les équipements et dispositifs médicaux.',
      },
      children: [
        {
          code: 'TS-1',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Élaborer le plan d'équipement et d'investissement biomédical",
            ar: 'إعداد مخطط التجهيز والاستثمار الطبي الحيوي',
            en: 'Drafting the biomedical equipment and investment plan',
          },
          description: {
            fr: "Évaluer l'obsolescence du parc, hiérarchiser les demandes des services et programmer les renouvellements.",
          },
          children: [
            {
              code: 'TS-1.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Tenir l'inventaire et gérer le parc d'équipements",
                ar: 'مسك جرد التجهيزات الطبية وتسييرها',
                en: 'Keeping the equipment inventory and managing the fleet',
              },
            },
          ],
        },
        {
          code: 'TS-2',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Évaluer les technologies de santé avant acquisition',
            ar: 'تقييم التكنولوجيات الصحية قبل اقتنائها',
            en: 'Assessing health technologies before acquisition',
          },
          description: {
            fr: "Analyser le service médical rendu, le coût global et l'impact organisationnel d'un équipement ou d'une innovation.",
          },
          children: [
            {
              code: 'TS-2.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Calculer le coût global de possession',
                ar: 'حساب التكلفة الإجمالية للملكية',
                en: 'Calculating the total cost of ownership',
              },
            },
          ],
        },
        {
          code: 'TS-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Organiser la maintenance biomédicale',
            ar: 'تنظيم الصيانة الطبية الحيوية',
            en: 'Organising biomedical maintenance',
          },
          description: {
            fr: 'Définir la politique de maintenance préventive et corrective et arbitrer entre maintenance interne et externalisée.',
          },
          children: [
            {
              code: 'TS-3.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Planifier la maintenance préventive et les contrôles de qualité',
                ar: 'تخطيط الصيانة الوقائية ومراقبة الجودة',
                en: 'Planning preventive maintenance and quality controls',
              },
            },
          ],
        },
        {
          code: 'TS-4',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Matériovigilance et réglementation des dispositifs médicaux',
            ar: 'اليقظة الخاصة بالأجهزة الطبية وتنظيمها',
            en: 'Medical device vigilance and regulation',
          },
          description: {
            fr: 'Circuit de signalement des incidents, obligations des fabricants et des utilisateurs, marquage et règlement européen 2017/745.',
          },
        },
        {
          code: 'TS-5',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Rédiger les cahiers des charges techniques des achats d'équipements",
            ar: 'تحرير دفاتر الشروط التقنية لاقتناء التجهيزات',
            en: 'Drafting technical specifications for equipment procurement',
          },
          description: {
            fr: 'Définir les spécifications fonctionnelles et techniques, analyser les offres et organiser les essais.',
          },
        },
        {
          code: 'TS-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Gérer les risques liés à l'utilisation des équipements biomédicaux",
            ar: 'تسيير المخاطر المرتبطة باستعمال التجهيزات الطبية الحيوية',
            en: 'Managing risks related to the use of biomedical equipment',
          },
          description: {
            fr: 'Former les utilisateurs, analyser les événements indésirables et sécuriser les installations (radioprotection, fluides médicaux).',
          },
        },
        {
          code: 'TS-7',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: 'Faire preuve de curiosité technologique et de rigueur',
            ar: 'التحلي بالفضول التكنولوجي والصرامة',
            en: 'Showing technological curiosity and rigour',
          },
          description: {
            fr: 'Se tenir informé des innovations et appliquer avec rigueur les procédures de traçabilité.',
          },
        },
      ],
    },
    {
      code: 'CO',
      itemType: 'domain',
      label: {
        fr: 'Communication dans un établissement de santé',
        ar: 'الاتصال في المؤسسة الصحية',
        en: 'Communication in a health facility',
      },
      description: {
        fr: "Concevoir et conduire la communication interne et externe de l'établissement, y compris en situation de crise.",
      },
      children: [
        {
          code: 'CO-1',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: "Définir et mettre en œuvre la stratégie de communication de l'établissement",
            ar: 'تحديد استراتيجية الاتصال للمؤسسة وتنفيذها',
            en: "Defining and implementing the facility's communication strategy",
          },
          description: {
            fr: "Élaborer le plan de communication annuel au service du projet d'établissement : cibles, messages, canaux et évaluation.",
          },
        },
        {
          code: 'CO-2',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Communiquer en situation de crise',
            ar: 'الاتصال في حالات الأزمات',
            en: 'Communicating in a crisis',
          },
          description: {
            fr: 'Coordonner les messages avec la cellule de crise et les autorités, informer les familles, les personnels et le public.',
          },
          children: [
            {
              code: 'CO-2.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Préparer les éléments de langage et les communiqués',
                ar: 'إعداد عناصر الخطاب والبيانات الصحفية',
                en: 'Preparing key messages and press releases',
              },
            },
          ],
        },
        {
          code: 'CO-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Gérer les relations avec les médias',
            ar: 'تسيير العلاقات مع وسائل الإعلام',
            en: 'Managing media relations',
          },
          description: {
            fr: 'Organiser les interviews, assurer la veille médiatique et répondre aux sollicitations des journalistes.',
          },
          children: [
            {
              code: 'CO-3.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Préparer un porte-parole à une interview',
                ar: 'تحضير الناطق الرسمي لإجراء مقابلة صحفية',
                en: 'Preparing a spokesperson for an interview',
              },
            },
          ],
        },
        {
          code: 'CO-4',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Animer la communication interne',
            ar: 'تنشيط الاتصال الداخلي',
            en: 'Running internal communication',
          },
          description: {
            fr: 'Informer les personnels (lettre interne, intranet, réunions) et valoriser le travail des équipes.',
          },
        },
        {
          code: 'CO-5',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: "Cadre juridique et éthique de l'information en santé",
            ar: 'الإطار القانوني والأخلاقي للإعلام في مجال الصحة',
            en: 'Legal and ethical framework of health information',
          },
          description: {
            fr: "Secret professionnel, droit à l'image des patients, droits des usagers et obligations de réserve des agents publics.",
          },
        },
        {
          code: 'CO-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Gérer les réseaux sociaux et la présence numérique',
            ar: 'تسيير شبكات التواصل الاجتماعي والحضور الرقمي',
            en: 'Managing social media and digital presence',
          },
          description: {
            fr: "Animer les comptes institutionnels, modérer les échanges, détecter les signaux faibles et préserver l'image de l'établissement.",
          },
        },
        {
          code: 'CO-7',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: "Faire preuve d'écoute active et d'aisance relationnelle",
            ar: 'الإصغاء الفعّال وسهولة التواصل',
            en: 'Active listening and interpersonal ease',
          },
          description: {
            fr: 'Adapter son discours à des interlocuteurs variés (patients, soignants, élus, journalistes) et instaurer la confiance.',
          },
        },
      ],
    },
    {
      code: 'PH',
      itemType: 'domain',
      label: {
        fr: 'Management de la pharmacie hospitalière',
        ar: 'إدارة الصيدلة الاستشفائية',
        en: 'Hospital pharmacy management',
      },
      description: {
        fr: 'Organiser la pharmacie à usage intérieur, sécuriser le circuit du médicament et garantir la disponibilité des produits de santé.',
      },
      children: [
        {
          code: 'PH-1',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Sécuriser le circuit du médicament',
            ar: 'تأمين مسار الدواء',
            en: 'Securing the medication use process',
          },
          description: {
            fr: "Organiser et sécuriser les étapes de prescription, dispensation, préparation, administration et traçabilité, de la commande jusqu'au patient.",
          },
          children: [
            {
              code: 'PH-1.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: 'Mettre en place la dispensation nominative',
                ar: 'إرساء الصرف الاسمي للأدوية',
                en: 'Implementing patient-specific dispensing',
              },
            },
            {
              code: 'PH-1.2',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Analyser les erreurs médicamenteuses en comité de retour d'expérience",
                ar: 'تحليل الأخطاء الدوائية في لجنة استخلاص الدروس',
                en: 'Analysing medication errors in an incident review committee',
              },
            },
          ],
        },
        {
          code: 'PH-2',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Gérer les stocks et les approvisionnements en produits de santé',
            ar: 'تسيير المخزونات والتموين بالمواد الصيدلانية',
            en: 'Managing health product stocks and supplies',
          },
          description: {
            fr: 'Fixer les seuils, prévenir les ruptures, suivre les péremptions et piloter les commandes auprès des fournisseurs et de la pharmacie centrale.',
          },
          children: [
            {
              code: 'PH-2.1',
              itemType: 'sub_competency',
              kind: 'skill',
              label: {
                fr: "Gérer les ruptures et tensions d'approvisionnement",
                ar: 'تسيير الانقطاعات والتوترات في التموين',
                en: 'Managing shortages and supply tensions',
              },
            },
          ],
        },
        {
          code: 'PH-3',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Assurer la pharmacovigilance',
            ar: 'ضمان اليقظة الدوائية',
            en: 'Ensuring pharmacovigilance',
          },
          description: {
            fr: 'Recueillir, déclarer et analyser les effets indésirables médicamenteux en lien avec le centre de pharmacovigilance.',
          },
        },
        {
          code: 'PH-4',
          itemType: 'competency',
          kind: 'knowledge',
          label: {
            fr: 'Réglementation pharmaceutique et des produits de santé',
            ar: 'التنظيم الصيدلاني وتنظيم المواد الصحية',
            en: 'Pharmaceutical and health product regulation',
          },
          description: {
            fr: 'Statut des médicaments et dispositifs médicaux, stupéfiants, bonnes pratiques de pharmacie hospitalière et de préparation.',
          },
        },
        {
          code: 'PH-5',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Animer le comité du médicament et gérer le livret thérapeutique',
            ar: 'تنشيط لجنة الأدوية وتسيير الدليل العلاجي للمستشفى',
            en: 'Running the drug committee and managing the hospital formulary',
          },
          description: {
            fr: "Sélectionner les produits référencés selon l'efficacité, la sécurité et le coût, et préparer les appels d'offres.",
          },
        },
        {
          code: 'PH-6',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Maîtriser les dépenses pharmaceutiques',
            ar: 'التحكم في النفقات الصيدلانية',
            en: 'Controlling pharmaceutical expenditure',
          },
          description: {
            fr: 'Analyser les consommations par service, suivre les molécules onéreuses et promouvoir le bon usage.',
          },
        },
        {
          code: 'PH-7',
          itemType: 'competency',
          kind: 'skill',
          label: {
            fr: 'Organiser les préparations pharmaceutiques (chimiothérapies, nutrition parentérale)',
            ar: 'تنظيم المستحضرات الصيدلانية (العلاج الكيميائي، التغذية الوريدية)',
            en: 'Organising pharmaceutical compounding (chemotherapy, parenteral nutrition)',
          },
          description: {
            fr: "Dimensionner l'unité de préparation, garantir l'assurance qualité et la protection du personnel.",
          },
        },
        {
          code: 'PH-8',
          itemType: 'competency',
          kind: 'behaviour',
          label: {
            fr: 'Faire preuve de rigueur et du sens des responsabilités',
            ar: 'التحلي بالصرامة وروح المسؤولية',
            en: 'Showing rigour and a sense of responsibility',
          },
          description: {
            fr: 'Appliquer sans écart les règles de traçabilité et assumer la responsabilité pharmaceutique de la dispensation.',
          },
        },
      ],
    },
  ],
  associations: [
    { originCode: 'PS-5', type: 'precedes', destinationCode: 'PS-3' },
    { originCode: 'GC-3', type: 'isRelatedTo', destinationCode: 'CO-2' },
    { originCode: 'PH-3', type: 'isRelatedTo', destinationCode: 'TS-4' },
    {
      originCode: 'PS-1',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/f7b5d916-52f0-4865-b6a6-e1a3b711cb5e',
      destinationLabel: 'mettre en œuvre une planification stratégique',
    },
    {
      originCode: 'GC-3',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/8071881c-d652-46e7-9cf4-e06a7f1e57c7',
      destinationLabel: 'gérer les incidents majeurs',
    },
    {
      originCode: 'SI-3',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/33a82b83-c838-4889-ae62-fae1317481eb',
      destinationLabel: 'protéger des données à caractère personnel et la vie privée',
    },
    {
      originCode: 'TS-4',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/f4946c16-1dc0-4c56-9bd3-8b9e68a49277',
      destinationLabel: 'systèmes de vigilance pour les dispositifs médicaux',
    },
    {
      originCode: 'CO-3',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/3c8c9fe5-bbc6-4a0b-8cf2-a839aeef585c',
      destinationLabel: 'communiquer avec les médias',
    },
    {
      originCode: 'PH-3',
      type: 'exactMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/979fdc05-7bfe-41f8-b071-7d3ec4c9540b',
      destinationLabel: 'assurer la pharmacovigilance',
    },
    {
      originCode: 'PH-2',
      type: 'closeMatchOf',
      destinationUri: 'http://data.europa.eu/esco/skill/509fedda-d520-46b5-a801-b3d36221a645',
      destinationLabel: 'assurer un approvisionnement adéquat des pharmacies',
    },
  ],
};

export const demoJobProfiles: DemoJobProfile[] = [
  {
    ownerSlug: 'ensm-alger',
    code: 'DIR-01',
    family: {
      fr: 'Management, gestion et aide à la décision',
      ar: 'التسيير والإدارة والمساعدة على اتخاذ القرار',
      en: 'Management, administration and decision support',
    },
    subFamily: { fr: 'Direction', ar: 'الإدارة العليا', en: 'Senior management' },
    title: {
      fr: "Directeur / Directrice d'établissement de santé",
      ar: 'مدير(ة) مؤسسة صحية',
      en: 'Hospital director',
    },
    definition: {
      fr: "Dirige l'établissement public de santé : définit et met en œuvre sa stratégie dans le cadre des orientations de la tutelle, garantit la gestion des ressources et la qualité de la prise en charge, et en assure la représentation légale.",
      ar: 'يسيّر المؤسسة العمومية للصحة: يحدّد استراتيجيتها وينفّذها في إطار توجيهات الوصاية، ويضمن تسيير الموارد وجودة التكفّل بالمرضى، ويتولّى تمثيلها القانوني.',
      en: 'Runs the public health facility: defines and implements its strategy within the guidelines of the supervisory authority, ensures resource management and quality of care, and is its legal representative.',
    },
    activities: [
      {
        fr: "Définir la stratégie et conduire le projet d'établissement avec la communauté médicale",
        ar: 'تحديد الاستراتيجية وقيادة مشروع المؤسسة بالتنسيق مع الأسرة الطبية',
        en: 'Defining the strategy and leading the establishment project with the medical community',
      },
      {
        fr: "Négocier le contrat d'objectifs et de moyens avec la tutelle et en rendre compte",
        ar: 'التفاوض حول عقد الأهداف والوسائل مع الوصاية وتقديم الحصيلة بشأنه',
        en: 'Negotiating the objectives and resources contract with the supervisory authority and reporting on it',
      },
      {
        fr: "Piloter les ressources humaines, financières et matérielles de l'établissement",
        ar: 'قيادة الموارد البشرية والمالية والمادية للمؤسسة',
        en: "Managing the facility's human, financial and material resources",
      },
      {
        fr: 'Présider la cellule de crise et garantir la sécurité des personnes et des biens',
        ar: 'رئاسة خلية الأزمة وضمان أمن الأشخاص والممتلكات',
        en: 'Chairing the crisis unit and ensuring the safety of people and property',
      },
      {
        fr: "Représenter l'établissement auprès des autorités, des partenaires et des médias",
        ar: 'تمثيل المؤسسة لدى السلطات والشركاء ووسائل الإعلام',
        en: 'Representing the facility before the authorities, partners and the media',
      },
    ],
    iscoCode: '1342',
    escoUri: 'http://data.europa.eu/esco/occupation/4a29eab1-5f02-4723-a863-e2d5a0614dfa',
    requirements: [
      { itemCode: 'PS-1', level: 4, essential: true },
      { itemCode: 'PS-2', level: 4, essential: true },
      { itemCode: 'PS-3', level: 3, essential: true },
      { itemCode: 'PS-4', level: 4, essential: true },
      { itemCode: 'PS-5', level: 3, essential: true },
      { itemCode: 'PS-6', level: 4, essential: true },
      { itemCode: 'PS-7', level: 4, essential: true },
      { itemCode: 'PS-8', level: 4, essential: true },
      { itemCode: 'GC-1', level: 3, essential: true },
      { itemCode: 'GC-3', level: 3, essential: true },
      { itemCode: 'GC-7', level: 4, essential: true },
      { itemCode: 'SI-1', level: 2, essential: true },
      { itemCode: 'CO-2', level: 3, essential: true },
      { itemCode: 'CO-3', level: 2, essential: false },
      { itemCode: 'TS-1', level: 2, essential: false },
      { itemCode: 'PH-6', level: 1, essential: false },
    ],
  },
  {
    ownerSlug: 'ensm-alger',
    code: 'DSI-01',
    family: {
      fr: 'Management, gestion et aide à la décision',
      ar: 'التسيير والإدارة والمساعدة على اتخاذ القرار',
      en: 'Management, administration and decision support',
    },
    subFamily: { fr: "Systèmes d'information", ar: 'نظم المعلومات', en: 'Information systems' },
    title: {
      fr: "Responsable des systèmes d'information hospitaliers",
      ar: 'مسؤول(ة) نظم المعلومات الاستشفائية',
      en: 'Head of hospital information systems',
    },
    definition: {
      fr: "Définit et pilote le système d'information de l'établissement en cohérence avec le projet d'établissement ; garantit la disponibilité, la sécurité et l'interopérabilité des applications et des infrastructures au service des soins et de la gestion.",
      ar: 'يحدّد نظام معلومات المؤسسة ويقوده بما يتّسق مع مشروع المؤسسة، ويضمن توفّر التطبيقات والبنى التحتية وأمنها وقابليتها للتشغيل البيني في خدمة العلاج والتسيير.',
      en: "Defines and steers the facility's information system in line with the establishment project; ensures the availability, security and interoperability of applications and infrastructure supporting care and management.",
    },
    activities: [
      {
        fr: "Élaborer et suivre le schéma directeur des systèmes d'information",
        ar: 'إعداد المخطط التوجيهي لنظم المعلومات ومتابعته',
        en: 'Drafting and monitoring the information systems master plan',
      },
      {
        fr: 'Conduire le déploiement du dossier patient informatisé et des applications métiers',
        ar: 'قيادة نشر الملف الإلكتروني للمريض وتطبيقات المهن',
        en: 'Leading the roll-out of the electronic patient record and business applications',
      },
      {
        fr: "Définir et faire appliquer la politique de sécurité des systèmes d'information",
        ar: 'تحديد سياسة أمن نظم المعلومات والسهر على تطبيقها',
        en: 'Defining and enforcing the information systems security policy',
      },
      {
        fr: 'Piloter le budget informatique, les marchés et les prestataires',
        ar: 'قيادة الميزانية المعلوماتية والصفقات ومقدّمي الخدمات',
        en: 'Managing the IT budget, contracts and suppliers',
      },
      {
        fr: "Encadrer l'équipe informatique et le support aux utilisateurs",
        ar: 'تأطير الفريق المعلوماتي ودعم المستخدمين',
        en: 'Supervising the IT team and user support',
      },
    ],
    iscoCode: '1330',
    requirements: [
      { itemCode: 'SI-1', level: 4, essential: true },
      { itemCode: 'SI-1.1', level: 3, essential: true },
      { itemCode: 'SI-2', level: 4, essential: true },
      { itemCode: 'SI-3', level: 3, essential: true },
      { itemCode: 'SI-3.1', level: 3, essential: true },
      { itemCode: 'SI-3.2', level: 3, essential: true },
      { itemCode: 'SI-4', level: 3, essential: true },
      { itemCode: 'SI-5', level: 4, essential: true },
      { itemCode: 'SI-6', level: 3, essential: true },
      { itemCode: 'SI-7', level: 3, essential: true },
      { itemCode: 'SI-8', level: 3, essential: true },
      { itemCode: 'PS-1', level: 2, essential: true },
      { itemCode: 'PS-6', level: 3, essential: true },
      { itemCode: 'GC-6', level: 3, essential: true },
      { itemCode: 'GC-3', level: 2, essential: false },
      { itemCode: 'PS-3', level: 1, essential: false },
    ],
  },
  {
    ownerSlug: 'ensm-alger',
    code: 'PHA-01',
    family: { fr: 'Soins', ar: 'العلاج', en: 'Care' },
    subFamily: { fr: 'Pharmacie', ar: 'الصيدلة', en: 'Pharmacy' },
    title: {
      fr: 'Pharmacien hospitalier / Pharmacienne hospitalière',
      ar: 'صيدلي(ة) استشفائي(ة)',
      en: 'Hospital pharmacist',
    },
    definition: {
      fr: "Assure la gestion, l'approvisionnement, la préparation, le contrôle, la détention et la dispensation des médicaments et dispositifs médicaux stériles ; garantit la sécurité du circuit du médicament et promeut le bon usage des produits de santé.",
      ar: 'يضمن تسيير الأدوية والمستلزمات الطبية المعقّمة وتموينها وتحضيرها ومراقبتها وحيازتها وصرفها، ويسهر على أمن مسار الدواء ويعزّز الاستعمال الرشيد للمواد الصحية.',
      en: 'Manages the procurement, compounding, control, storage and dispensing of medicines and sterile medical devices; secures the medication use process and promotes the proper use of health products.',
    },
    activities: [
      {
        fr: 'Organiser et sécuriser la dispensation des médicaments aux unités de soins',
        ar: 'تنظيم صرف الأدوية لوحدات العلاج وتأمينه',
        en: 'Organising and securing the dispensing of medicines to care units',
      },
      {
        fr: 'Gérer les approvisionnements et les stocks de produits pharmaceutiques',
        ar: 'تسيير التموين بالمواد الصيدلانية ومخزوناتها',
        en: 'Managing the procurement and stocks of pharmaceutical products',
      },
      {
        fr: 'Déclarer et analyser les effets indésirables au titre de la pharmacovigilance',
        ar: 'التصريح بالآثار غير المرغوب فيها وتحليلها في إطار اليقظة الدوائية',
        en: 'Reporting and analysing adverse drug reactions for pharmacovigilance',
      },
      {
        fr: 'Animer le comité du médicament et contribuer à la maîtrise des dépenses',
        ar: 'تنشيط لجنة الأدوية والمساهمة في التحكّم في النفقات',
        en: 'Running the drug committee and helping to control expenditure',
      },
    ],
    iscoCode: '2262',
    escoUri: 'http://data.europa.eu/esco/occupation/5fd099da-218a-460e-bd5b-b42f1b76c67c',
    requirements: [
      { itemCode: 'PH-1', level: 4, essential: true },
      { itemCode: 'PH-1.1', level: 3, essential: true },
      { itemCode: 'PH-1.2', level: 3, essential: true },
      { itemCode: 'PH-2', level: 4, essential: true },
      { itemCode: 'PH-2.1', level: 3, essential: true },
      { itemCode: 'PH-3', level: 4, essential: true },
      { itemCode: 'PH-4', level: 4, essential: true },
      { itemCode: 'PH-5', level: 3, essential: true },
      { itemCode: 'PH-6', level: 3, essential: true },
      { itemCode: 'PH-7', level: 3, essential: false },
      { itemCode: 'PH-8', level: 4, essential: true },
      { itemCode: 'TS-4', level: 2, essential: true },
      { itemCode: 'GC-6', level: 2, essential: false },
      { itemCode: 'PS-3', level: 2, essential: false },
      { itemCode: 'CO-7', level: 2, essential: false },
    ],
  },
  {
    ownerSlug: 'ensm-alger',
    code: 'ING-01',
    family: {
      fr: 'Ingénierie et maintenance technique',
      ar: 'الهندسة والصيانة التقنية',
      en: 'Engineering and technical maintenance',
    },
    subFamily: { fr: 'Biomédical', ar: 'الهندسة الطبية الحيوية', en: 'Biomedical engineering' },
    title: {
      fr: 'Ingénieur biomédical / Ingénieure biomédicale',
      ar: 'مهندس(ة) طبي(ة) حيوي(ة)',
      en: 'Biomedical engineer',
    },
    definition: {
      fr: "Définit et met en œuvre la politique d'équipement et de maintenance des dispositifs médicaux de l'établissement ; garantit leur disponibilité, leur sécurité d'utilisation et leur conformité réglementaire.",
      ar: 'يحدّد سياسة تجهيز المؤسسة بالأجهزة الطبية وصيانتها وينفّذها، ويضمن توفّرها وأمن استعمالها ومطابقتها للتنظيم.',
      en: "Defines and implements the facility's medical device equipment and maintenance policy; ensures device availability, safe use and regulatory compliance.",
    },
    activities: [
      {
        fr: "Élaborer le plan pluriannuel d'équipement biomédical",
        ar: 'إعداد المخطط متعدد السنوات للتجهيز الطبي الحيوي',
        en: 'Drafting the multi-year biomedical equipment plan',
      },
      {
        fr: "Conduire les procédures d'achat et les essais des équipements",
        ar: 'قيادة إجراءات اقتناء التجهيزات وتجريبها',
        en: 'Conducting equipment procurement procedures and trials',
      },
      {
        fr: 'Organiser la maintenance préventive et corrective et les contrôles qualité',
        ar: 'تنظيم الصيانة الوقائية والتصحيحية ومراقبة الجودة',
        en: 'Organising preventive and corrective maintenance and quality controls',
      },
      {
        fr: 'Assurer la matériovigilance et la formation des utilisateurs',
        ar: 'ضمان اليقظة الخاصة بالأجهزة الطبية وتكوين المستخدمين',
        en: 'Ensuring medical device vigilance and user training',
      },
    ],
    iscoCode: '2149',
    escoUri: 'http://data.europa.eu/esco/occupation/01ffb917-98dc-48c1-91ad-93c4104e791d',
    requirements: [
      { itemCode: 'TS-1', level: 4, essential: true },
      { itemCode: 'TS-1.1', level: 3, essential: true },
      { itemCode: 'TS-2', level: 4, essential: true },
      { itemCode: 'TS-2.1', level: 3, essential: true },
      { itemCode: 'TS-3', level: 4, essential: true },
      { itemCode: 'TS-3.1', level: 3, essential: true },
      { itemCode: 'TS-4', level: 3, essential: true },
      { itemCode: 'TS-5', level: 4, essential: true },
      { itemCode: 'TS-6', level: 3, essential: true },
      { itemCode: 'TS-7', level: 3, essential: true },
      { itemCode: 'GC-6', level: 2, essential: true },
      { itemCode: 'SI-4', level: 2, essential: false },
      { itemCode: 'PH-3', level: 1, essential: false },
      { itemCode: 'PS-3', level: 1, essential: false },
    ],
  },
  {
    ownerSlug: 'ehesp-rennes',
    code: 'COM-01',
    family: {
      fr: 'Management, gestion et aide à la décision',
      ar: 'التسيير والإدارة والمساعدة على اتخاذ القرار',
      en: 'Management, administration and decision support',
    },
    subFamily: { fr: 'Communication', ar: 'الاتصال', en: 'Communication' },
    title: {
      fr: 'Chargé / Chargée de communication hospitalière',
      ar: 'مكلّف(ة) بالاتصال في المستشفى',
      en: 'Hospital communication officer',
    },
    definition: {
      fr: "Conçoit et met en œuvre les actions de communication interne et externe de l'établissement ; gère les relations avec la presse et contribue à la communication en situation de crise.",
      ar: 'يصمّم أعمال الاتصال الداخلي والخارجي للمؤسسة وينفّذها، ويسيّر العلاقات مع الصحافة ويساهم في الاتصال في حالات الأزمات.',
      en: "Designs and delivers the facility's internal and external communication; manages press relations and contributes to crisis communication.",
    },
    activities: [
      {
        fr: 'Élaborer et mettre en œuvre le plan de communication annuel',
        ar: 'إعداد مخطط الاتصال السنوي وتنفيذه',
        en: 'Drafting and implementing the annual communication plan',
      },
      {
        fr: "Rédiger les communiqués, dossiers de presse et supports d'information",
        ar: 'تحرير البيانات والملفات الصحفية ودعائم الإعلام',
        en: 'Writing press releases, press kits and information materials',
      },
      {
        fr: "Animer l'intranet, le site internet et les réseaux sociaux de l'établissement",
        ar: 'تنشيط الشبكة الداخلية والموقع الإلكتروني وشبكات التواصل الاجتماعي للمؤسسة',
        en: "Running the facility's intranet, website and social media",
      },
      {
        fr: 'Assurer la fonction communication au sein de la cellule de crise',
        ar: 'تولّي مهمّة الاتصال داخل خلية الأزمة',
        en: 'Handling the communication function within the crisis unit',
      },
    ],
    iscoCode: '2432',
    requirements: [
      { itemCode: 'CO-1', level: 4, essential: true },
      { itemCode: 'CO-2', level: 4, essential: true },
      { itemCode: 'CO-2.1', level: 4, essential: true },
      { itemCode: 'CO-3', level: 4, essential: true },
      { itemCode: 'CO-3.1', level: 3, essential: true },
      { itemCode: 'CO-4', level: 3, essential: true },
      { itemCode: 'CO-5', level: 3, essential: true },
      { itemCode: 'CO-6', level: 3, essential: true },
      { itemCode: 'CO-7', level: 4, essential: true },
      { itemCode: 'GC-3', level: 2, essential: true },
      { itemCode: 'PS-1', level: 2, essential: false },
      { itemCode: 'GC-1', level: 1, essential: false },
    ],
  },
];
