import type { CueHit, Lexicon } from '../classifier/cue-matcher.js';

function lexicon(words: readonly string[], anywhere: readonly string[] = []): Lexicon {
  return { words, anywhere };
}

/**
 * Finds the meetings where "make it async" would be embarrassing or harmful: performance and HR
 * matters, layoffs and restructuring, health, conflict, bereavement, and live incidents. These are
 * never judged `async`, whatever any judge says. Statistics that merely mention incidents or
 * injuries ("incident numbers by category") are not sensitive: the cues look for the live matter.
 */

export const sensitiveCategories = ['performance', 'hiring', 'hr', 'layoffs', 'health', 'conflict', 'condolence', 'incident'] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

export const sensitiveLexicons: Record<SensitiveCategory, Lexicon> = {
  performance: lexicon(
    [
      'performance (?:review|conversation|improvement|plan|concerns?|issues?|appraisal|evaluation|discussion|management|feedback)',
      'pip (?:review|meeting|check-?in|progress)', 'appraisal', 'mid[- ]?y(?:ea)?r (?:prc )?review(?! of)', '(?:employee|individual|staff) (?:performance )?review', 'annual performance review', 'annual (?:appraisal|review conversation|review meeting with)',
      'compensation (?:meeting|mtg|review|discussion)', 'salary (?:review|discussion)', 'pay review', 'your (?:annual|mid-?year|year-?end) review', 'probation(?:ary)? review', 'underperform\\p{L}*',
      '(?:objectives|targets|goals) (?:that )?(?:have not been|haven\'t been|were not|weren\'t) met', 'missed (?:targets|objectives)',
      'your appointment for', 'tenure (?:case|dossiers?|review|vote|decision)', 'promotion(?:-to-full)? (?:case|dossiers?|review)',
      'tenure dossiers?', 'entretien (?:annuel|individuel|d\'évaluation)', 'évaluation (?:annuelle|de performance)',
      'evaluaci[oó]n (?:de|del) desempeño', 'evaluaci[oó]n anual', 'tu evaluaci[oó]n', 'avalia[cç][aã]o de desempenho',
      'leistungsbeurteilung', 'mitarbeitergespräch', 'jahresgespräch', 'beurteilungsgespräch', 'zielvereinbarungsgespräch',
      'functioneringsgesprek', 'beoordelingsgesprek', 'valutazione (?:delle prestazioni|annuale)', 'colloquio di valutazione',
      'prc(?: meeting| review| committee| mtg)?', 'performance review committee', 'year-?end (?:review|conversation|talk|discussion|appraisal|cycle)', 'mid-?year (?:conversation|appraisal|check-?in|talk|discussion)', 'calibration (?:meeting|session|committee|round|discussion)', '(?:rating|performance|talent|q[1-4]|year-?end|mid-?year) calibration', 'talent review', 'stack[- ]rank\\p{L}*', 'ratings? (?:calibration|distribution)', 'align ratings', 'salary (?:adjustment|increase|band|outcome|bands)', 'bonus (?:outcome|allocation|pool|discussion|conversation|review)', 'merit (?:increase|pool|review|budget)', 'pay (?:rise|raise|discussion|conversation|outcome)', 'promotion (?:discussion|conversation|decision|outcome)', 'proposed promotions', 'professional development', 'career (?:development|conversation|discussion|options|opportunities|path|plans)', '(?:his|her|their|your) future (?:plans|role|here)', 'future plans discussion', 'your (?:goals|objectives) for', 'written warning', 'difficultés rencontrées', 'wiederholten verspätungen', 'repeated lateness', 'lateness', 'timekeeping', 'deinen zielen', 'your goals for the', 'revisi[oó]n salarial', 'cierre de año', 'aumento salarial', 'kalibrierung\\p{L}*', 'leistungsbewertung\\p{L}*', 'gehalts\\p{L}*', 'gehaltserhöhung', 'bonusgespräch', 'rémunération\\p{L}*', 'augmentations? individuelles?', 'primes', 'entretien de fin d.année', 'calibra[cç][aã]o', 'remunera[cç][aã]o', 'reajuste salarial', 'plr', 'salarisgesprek', 'salarisverhoging', 'kalibratie\\p{L}*', 'retributiv[ao]', 'aumenti di merito', 'revisione (?:retributiva|salariale)', 'comitato di calibrazione', 'calibrazione (?:delle valutazioni|dei rating)',
    ],
    ['評価調整', '昇給', '賞与', '給与', '昇格', '人事評価', '評価面談', '業績評価', '査定'],
  ),
  hiring: lexicon(
    [
      'interviews? (?:feedback|debrief|loop|panel|scorecards?)', 'feedback from (?:the |yesterday\'s |today\'s )?[\\p{L}\' ]{0,30}interviews?', 'interview debrief', '(?:panel|candidate|candidates|hiring) debrief', 'scoring sheets?', 'debrief(?:ing)?:? (?:candidate|interview)',
      'hiring (?:decision|debrief|committee|panel|manager debrief)', 'hire/no-hire', 'no-hire', 'your scorecards', 'interview scorecards?', 'onsite (?:loop|interviews?)', 'candidate (?:feedback|debrief|interview|assessment|evaluation)',
      '(?:phone|panel|final|first|second|onsite|on-site|in[- ]person|job) interviews?', '(?<!user |customer |research |exit |press |media )interview(?:s)?(?= ?[-–:])', 'interviewing (?:for|with)', 'extend an offer', 'offer decision',
      'entrevistas? (?:de ayer|finales?|de selecci[oó]n)', 'valoraciones de las entrevistas', 'candidat[oa] (?:a|para)', 'vorstellungsgespräch\\p{L}*', 'bewerber\\p{L}*', 'eindrücke aus den (?:\\p{L}+ )?interviews',
      'entretiens? (?:d\'embauche|de recrutement)', 'débrief entretiens', 'proposition d\'embauche', 'finalistes', 'p[oó]s-entrevistas?', 'entrevistadores', 'finalistas',
      'sollicitatiegesprek\\p{L}*', 'sollicitant\\p{L}*', 'colloqui (?:tecnici|di selezione)', 'debriefing colloqui', 'valutazioni dei colloqui',
    ],
    ['面接', '内定', '候補者'],
  ),
  hr: lexicon(
    [
      '(?:from|of|with) (?:the )?(?:hr|human resources|people (?:&|and) culture|people team|people ops|people partner)',
      '(?:from|with|and the) people(?: team| & culture)?(?= (?:will|team|is|are))', 'hr (?:will|is going to) (?:join|attend|be)',
      'disciplinary', 'misconduct', 'investigation meeting', 'harass\\p{L}*', 'bullying', 'whistle-?blow\\p{L}*', 'formal complaint',
      'bring a colleague', 'union (?:rep|representative|steward)', 'labou?r relations', 'your (?:contract|employment)', 'your role (?:is|will|may)',
      'confidential (?:hr|personnel) matter', 'representante (?:do|del|de los) sindicato', 'sindicato', 'délégué(?:e)? syndical',
      'gewerkschaft\\p{L}*', 'vakbond', '(?:gestora?|gerente|responsable|director[a]?|diretora?) de (?:rh|rrhh|recursos humanos)',
      'ass[eé]dio', 'acoso', 'harcèlement', 'belästigung', 'mobbing', 'intimidatie', 'molestie', 'personal matter', 'de (?:personas|rrhh|recursos humanos)', 'des rh', 'da rh',
      'von (?:hr|der personalabteilung)', 'betriebsrat', 'personalrat', 'personalgespräch', 'entretien préalable', 'expediente disciplinario',
      'closed session',
      'investigation (?:meeting|interview|hearing)', '(?:recursos humanos|rrhh|human resources|personalabteilung) (?:estar[aá]n?|will be|sera|wird|is|are) (?:present|presentes?|anwesend|aanwezig|there)', '(?:hr|rh) (?:will be|is|sera|estar[aá]|estar[aã]o) (?:present|presente|there|joining|attending)',  'estar[aá]n presentes la direcci[oó]n', 'comit[eé] de empresa', 'works council', 'comit[eé] social et [eé]conomique', 'disclosure made', 'safeguarding disclosure', 'safeguarding', 'support plan', '(?:workplace|internal|hr|disciplinary|ongoing|formal) investigation', 'witness (?:statement|interview)s?', 'as a witness', 'appeal (?:hearing|meeting)', 'hearing', '(?:formal|official|final|written) warning', 'warning letter', 'allegations?', 'complaint (?:against|about (?:a|your|my|the) (?:colleague|manager|supervisor))', 'your complaint', 'raising (?:your|these) concerns', 'your concerns about', 'strictly confidential', 'confidential(?:[-–: ]+(?:hr|personnel|matter|conversation|meeting))', '\\(confidential\\)', 'managers only', 'directors only', 'sorry to hear', 'how you(?:.re| are) doing', 'check in on (?:you|how)', 'welfare', 'personal (?:matter|circumstances|situation)', 'no work talk', 'signalement', 'segnalazione', 'denuncia', 'contestazione disciplinare', 'audizione', 'waarschuwing', 'abmahnung', 'anhörung', 'avertissement', 'advert[eê]ncia', 'amonestaci[oó]n', 'indagine interna', 'investigaci[oó]n interna', 'enquête interne', 'interne untersuchung', 'vertraulich', 'confidentiel(?:le)?', 'riservat[oa]', 'vertrouwelijk', 'confidencial', 'sigiloso', 'nur führungskräfte', 'solo dirección', 'somente gestores', 'solo responsabili', 'alleen mt', 'non inoltrare', 'no reenviar', 'ne pas transférer', 'não encaminhe', 'nicht weiterleiten', 'niet doorsturen', 'prendre de tes nouvelles', 'wie es dir geht', 'como você está', 'cómo estás', 'come stai', 'hoe het met je gaat',
    ],
    ['転送しない', '内密', '懲戒処分', '人事部', '懲戒', '人事(?:同席|担当)'],
  ),
  layoffs: lexicon(
    [
      'lay-?offs?', 'laid off', 'redundanc\\p{L}*', 'reorg(?:ani[sz]ation)?', 're-org', 'job cuts', 'headcount reduction',
      'roles? (?:is|are) at risk', 'at risk of redundancy', 'consultation (?:period|process)', 'severance', 'outplacement',
      'future of (?:the|our) (?:project|team|department|studio|site|office|store|plant|unit)',
      'changes to (?:how )?our (?:regions?|teams?|structure|organi[sz]ation)', '(?:regional|organi[sz]ational) structure',
      'what (?:this|they|it) means? for (?:each of )?you', 'individual conversations', 'closure of', 'closing (?:the|our) (?:site|office|store|plant)',
      'stellenabbau', 'kündigungsgespräch', 'betriebsbedingte kündigung\\p{L}*', 'entlassung\\p{L}*', 'despidos?', 'licenciements?', 'plan social', 'réorganisation', 'demiss[õo]es', 'reorganisatie',
      'ontslag\\p{L}*', 'licenziamenti', 
      'restructuring (?:of )?(?:the |our |your )?(?:[\\p{L}-]+ ){0,3}(?:teams?|department|organi[sz]ation|division|group|unit|workforce|roles?|headcount|staff|function)', 'role reductions?', '(?:everyone|employees|staff|colleagues|people) affected', 'affected (?:employees|staff|colleagues|roles)', '(?:team|department|organi[sz]ational|company|workforce) restructur\\p{L}*', 'organi[sz]ational (?:update|change|announcement)s?', 'org(?:ani[sz]ation)? changes?', 'changes (?:that )?affect(?:ing)? (?:the|our|your) (?:team|roles?|department)', 'role impact', 'impact on (?:your|their) roles?', 'what (?:this|it) means for your role', 'what (?:this|it) means for (?:the )?(?:people|staff|colleagues|employees|everyone)', 'attendance (?:is )?(?:required|mandatory)', 'required to attend', 'reduction in (?:force|headcount|staff)', 'workforce reduction', 'rifs?', 'displaced (?:staff|workers|employees|federal)', 'resignations', 'transition discussion', 'recent events (?:at|occurring at|in) the company', 'reducci[oó]n de (?:plantilla|personal)', 'ajuste de plantilla', 'reestructuraci[oó]n de (?:la )?(?:plantilla|empresa|equipo|departamento)', 'asistencia obligatoria', 'criterios de selecci[oó]n', 'teilnahme (?:ist )?verpflichtend', 'pflichttermin', 'veränderungen, die (?:unser|das|ihr) team betreffen', 'umstrukturierung (?:des|der) (?:teams?|bereichs?|abteilung|unternehmens)', 'présence obligatoire', 'réduction des effectifs', 'évolution de l.organisation', 'restructuration (?:de l.équipe|des équipes|du service|de l.entreprise|du site)', 'plan de sauvegarde', 'presença obrigatória', 'mudanças que afetam', 'reestrutura[cç][aã]o (?:da equipe|do time|do departamento|organizacional)', 'desligamentos', 'aanwezigheid verplicht', 'boventallig\\p{L}*', 'organisatiewijziging', 'voorgenomen besluit', 'presenza obbligatoria', 'impatti sul ruolo', 'esuberi', 'ristrutturazione (?:aziendale|del personale|organizzativa)',
    ],
    ['早期退職', '退職勧奨', '組織再編', 'リストラ(?!クチャリング)', '人員削減', '組織変更', '希望退職', '解雇'],
  ),
  health: lexicon(
    [
      'sick leave', 'medical leave', 'return[- ]to[- ]work', 'occupational health', 'long-?term absence', 'absence (?:review|meeting)',
      'your health', 'your diagnosis', 'wellbeing (?:check|meeting|conversation)', 'fit note', 'phased return', 'mental health support',
      'baja m[eé]dica', 'krankmeldung', 'wiedereingliederung', 'arbeitsunfähig\\p{L}*', 'arrêt maladie', 'licen[cç]a m[eé]dica',
      'ziekteverzuim', 're-integratie', 'malattia',
      'off sick', 'well-?being', 'mental health', 'workload and (?:stress|wellbeing)', 'sickness absence', 'illness', 'taken to (?:the )?hospital', 'in hospital', 'diagnosis', 'diagnosed', 'was (?:hurt|injured)', 'were (?:hurt|injured)', 'medevac', 'surgery (?:last|next|on)', 'erkrankung', 'eingliederungsmanagement', 'bem-gespräch', 'maladie', 'enfermedad', 'doen[cç]a', 'ziekte', 'after the last few weeks at home', 'difficult (?:for you|weeks|few weeks|time)',
    ],
    ['病気', '入院', '体調', '病気休暇', '休職', '復職', '診断'],
  ),
  conflict: lexicon(
    [
      'grievance', 'workplace dispute', 'dispute (?:between|with (?:a |your )?(?:colleague|manager|supervisor))', 'mediation', 'conflict (?:resolution|between|with)', 'interpersonal', 'complaint against', 'tensions? (?:in|within|between)',
      'reclamaci[oó]n formal', 'reclama[cç][aã]o formal', 'queja formal', 'plainte formelle', 'förmliche beschwerde', 'formele klacht', 'mediaci[oó]n', 'beschwerde', 'schlichtung', 'médiation', 'media[cç][aã]o', 'conflito', 'conflicto', 'konflikt',
      'clear(?:ing)? the air', '(?:vote|motion) of no confidence', 'no-confidence', 'working relationship', 'how the two of you', 'work(?:ing)? (?:better )?together after', 'what happened (?:in|at|during|on)', 'things got heated', 'felt personal', 'tensions?', 'lo que pasó', 'quanto accaduto', 'o que aconteceu', 'ce qui s.est passé', 'wat er gebeurd', 'spannungen', 'klärungsgespräch', 'lucht te klaren', 'spielregeln', 'como vocês dois', 'facilitated conversation', 'begeleid gesprek',
    ],
    ['すれ違い', '関係について', '対立', '紛争', '苦情', 'ハラスメント'],
  ),
  condolence: lexicon(
    [
      'passed away', 'death of', 'died', 'bereavement(?! (?:leave )?polic| leave\\.| leave wording)', 'condolences?', 'memorial(?! day)', 'funeral', 'grie(?:f|ving)', 'mourning',
      'in memory of', 'loss of our (?:colleague|friend)', 'fallecimiento', 'falleci[oó]', 'verstorben', 'trauer\\p{L}*', 'décès', 'décédée?',
      'deuil', 'falecimento', 'faleceu', 'luto', 'overleden', 'overlijden', 'lutto', 'scomparsa',
      'sorry (?:to hear about|for your loss)', 'your (?:late )?(?:father|mother|husband|wife|partner|son|daughter|brother|sister|dad|mum|mom)', 'loss of (?:your|his|her)', 'tragedy', 'tragic', 'remembering', 'share (?:our )?memories', 'in memoriam', 'tod (?:deines|deiner|ihres|ihrer|seines|seiner)', 'beileid', 'perda d[oa] seu', 'sinto muito', 'p[eê]sames', 'condoléances', 'condolencias', 'pésame', 'condoglianze', 'deelneming', 'gecondoleerd', 'es tut mir (?:sehr )?leid', 'lo siento mucho', 'mi dispiace', 'het spijt me', 'je suis (?:vraiment )?désolée?',
    ],
    ['ご愁傷', '亡くな', '訃報', '逝去', 'ご冥福', '葬儀', 'お悔やみ'],
  ),
  incident: lexicon(
    [
      '(?:major|serious|critical|security|p[01]|sev-?[0-2]|severity[- ][12]) incidents?', 'incident (?:declared|raised|bridge|call|response|commander|room)',
      'post-?incident(?![- ]?(?:template|process|format|vorlage))', 'post-?mortem(?![- ]?(?:template|process|format|vorlage|doc))', '(?<!planned |scheduled |nuclear |plant |generation |unit |maintenance )outages?(?! (?:update|schedule|report|calendar|plan|window|list|season))', 'sev-?[0-2]', 'p[01](?= incident| –| -|:)',
      '(?:service|site|system|platform|server|app|website|network|login|payments?|checkout) (?:is |are |went |goes )?down', 'down \\((?:all|every)', 'failing (?:intermittently|across|in|at)', 'unavailable across', 'data breach', 'breach(?:ed)?', 'unauthori[sz]ed access',
      'data (?:exposure|leak)', 'possible (?:data )?exposure', 'ransomware', 'cyber-?attack', 'compromised', 'boil water', 'main break',
      'evacuation', 'war room bridge', 'bridge stays open', 'crisis', 'product recall', 'head injury', 'serious injury', 'fatal\\p{L}*',
      'safeguarding concern', 'emergency (?:call|meeting|response|bridge)', 'state of emergency',
      'incidente grave', 'ca[ií]da del servicio', 'brecha de seguridad', 'crisis', 'ausfall', 'störung', 'sicherheitsvorfall', 'notfall',
      'panne', 'incident majeur', 'fuite de données', 'cellule de crise', 'queda do sistema', 'indisponibilidade', 'vazamento de dados',
      'storing', 'uitval', 'datalek', 'datenleck', 'datenpanne', 'unbefugte[nmr]? zugriff', 'krisenstab', 'cyberangriff', 'hackerangriff',
      'acceso no autorizado', 'fuga de datos', 'accès non autorisé', 'violation de données', 'acesso não autorizado', 'accesso non autorizzato',
      'fuga di dati', 'guasto', 'disservizio', 'violazione dei dati',
      '(?:security|safety|forklift|workplace|site|warehouse|data|privacy) incidents?', 'near[- ]miss(?!es reported|-? ?reports?| rate| count| statistics| figures)', 'accidents?', 'accidente', 'acidente', 'infortunio', 'arbeitsunfall', 'bedrijfsongeval', 'unfall', 'fell from', 'fall from height', 'spill(?:ed)?', 'exposed (?:via|to|through|on)', 'open to the internet', 'publicly (?:accessible|exposed)', 'public link', 'phishing\\p{L}*', 'suspicious (?:logins?|access|activity|sign-?ins)', 'anomal\\p{L}* (?:logins?|access|sign-?ins)', 'still (?:down|degraded)', 'degraded', 'continuity plan (?:has been )?(?:invoked|activated)', 'bcp (?:invoked|activated)', 'business continuity', 'evacuat\\p{L}*', 'ontruim\\p{L}*', 'évacuation', 'evacuaci[oó]n', 'evakuierung', 'evacuazione', 'earthquake', 'unable to reach', 'not (?:been )?in contact', 'can.t reach', 'missing (?:colleague|employee|staff|person|worker)', 'niet (?:meer )?bereikbaar', 'nicht (?:mehr )?erreichbar', 'injoignable', 'no localizable', 'irreperibile', 'brecha de datos', 'filtraci[oó]n', 'fuite de données', 'vazamento', 'violazione', 'beveiligingsincident', 'incidente de seguridad', 'incidente di sicurezza', 'incident de sécurité', 'plano de continuidade', 'pcn', 'plan de continuidad', 'ontruimd', 'brand in', 'incendie', 'incendio', 'inc[eê]ndio', 'alarme incendie',
    ],
    ['インシデント', '事故', '転落', '労働災害', '災害対策', '安否確認', '情報漏え', '漏洩', '不正アクセス', '障害', '障害発生', 'システム障害', '緊急対応', '情報漏洩', '重大事故', '事故対応'],
  ),
};

/** Exercises and drills talk about emergencies without being one. */
export const rehearsalLexicon = lexicon([
  'ontruimingsoefening\\p{L}*', 'oefening\\p{L}*', 'prova di evacuazione', 'esercitazione', 'exercise', 'drill', 'tabletop', 'simulation', 'rehearsal', 'preparedness', 'übung', 'simulacro', 'exercice', 'simulado',
]);

export interface SensitiveMatch {
  category: SensitiveCategory;
  /** The words that gave it away, as written. */
  evidence: string;
}

const categorySet = new Set<string>(sensitiveCategories);
const isCategory = (concept: string): concept is SensitiveCategory => categorySet.has(concept);

/** The sensitive categories among cue hits, in a fixed order, each with its first evidence. */
export function sensitiveMatches(hits: readonly CueHit<string>[]): SensitiveMatch[] {
  if (!hits.some((hit) => isCategory(hit.concept))) return [];
  const rehearsed = hits.some((hit) => hit.concept === 'rehearsal');
  const first = new Map<SensitiveCategory, string>();
  for (const hit of hits) if (isCategory(hit.concept) && !first.has(hit.concept)) first.set(hit.concept, hit.text);
  if (rehearsed) first.delete('incident');
  return sensitiveCategories.filter((category) => first.has(category)).map((category) => ({ category, evidence: first.get(category)! }));
}

export const sensitiveLabels: Record<SensitiveCategory, string> = {
  performance: 'a performance or career conversation',
  hiring: 'a candidate or hiring decision',
  hr: 'an HR or personal matter',
  layoffs: 'changes to people’s jobs',
  health: 'a health matter',
  conflict: 'a conflict or grievance',
  condolence: 'a bereavement',
  incident: 'a live incident',
};
