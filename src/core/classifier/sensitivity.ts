import type { CueHit, Lexicon } from './cue-matcher.js';

function lexicon(words: readonly string[], anywhere: readonly string[] = []): Lexicon {
  return { words, anywhere };
}

/**
 * Finds the meetings where "make it async" would be embarrassing or harmful: performance and HR
 * matters, layoffs and restructuring, health, conflict, bereavement, and live incidents. These are
 * never judged `async`, whatever any judge says. Statistics that merely mention incidents or
 * injuries ("incident numbers by category") are not sensitive: the cues look for the live matter.
 */

export const sensitiveCategories = ['performance', 'hr', 'layoffs', 'health', 'conflict', 'condolence', 'incident'] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

export const sensitiveLexicons: Record<SensitiveCategory, Lexicon> = {
  performance: lexicon(
    [
      'performance (?:review|conversation|improvement|plan|concerns?|issues?|appraisal|evaluation|discussion|management|feedback)',
      'pip (?:review|meeting|check-?in|progress)', 'appraisal', 'mid[- ]?year review', '(?:annual|employee|individual) (?:performance )?review',
      'compensation (?:meeting|mtg|review|discussion)', 'salary (?:review|discussion)', 'pay review', 'expectations meeting', 'your (?:annual|mid-?year|year-?end) review', 'probation(?:ary)? review', 'underperform\\p{L}*',
      '(?:objectives|targets|goals) (?:that )?(?:have not been|haven\'t been|were not|weren\'t) met', 'missed (?:targets|objectives)',
      'your appointment for', 'tenure (?:case|dossiers?|review|vote|decision)', 'promotion(?:-to-full)? (?:case|dossiers?|review)',
      'tenure dossiers?', 'entretien (?:annuel|individuel|d\'évaluation)', 'évaluation (?:annuelle|de performance)',
      'evaluaci[oó]n (?:de|del) desempeño', 'evaluaci[oó]n anual', 'tu evaluaci[oó]n', 'avalia[cç][aã]o de desempenho',
      'leistungsbeurteilung', 'mitarbeitergespräch', 'jahresgespräch', 'beurteilungsgespräch', 'zielvereinbarungsgespräch',
      'functioneringsgesprek', 'beoordelingsgesprek', 'valutazione (?:delle prestazioni|annuale)', 'colloquio di valutazione',
    ],
    ['人事評価', '評価面談', '業績評価', '査定'],
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
    ],
    ['人事部', '懲戒'],
  ),
  layoffs: lexicon(
    [
      'lay-?offs?', 'laid off', 'redundanc\\p{L}*', 'restructur\\p{L}*', 'reorg(?:ani[sz]ation)?', 're-org', 'job cuts', 'headcount reduction',
      'roles? (?:is|are) at risk', 'at risk of redundancy', 'consultation (?:period|process)', 'severance', 'outplacement',
      'future of (?:the|our) (?:project|team|department|studio|site|office|store|plant|unit)',
      'changes to (?:how )?our (?:regions?|teams?|structure|organi[sz]ation)', '(?:regional|organi[sz]ational) structure',
      'what (?:this|they|it) means? for (?:each of )?you', 'individual conversations', 'closure of', 'closing (?:the|our) (?:site|office|store|plant)',
      'stellenabbau', 'umstrukturierung', 'kündigung\\p{L}*', 'entlassung\\p{L}*', 'despidos?', 'reestructuraci[oó]n',
      'licenciements?', 'plan social', 'réorganisation', 'restructuration', 'demiss[õo]es', 'reestrutura[cç][aã]o', 'reorganisatie',
      'ontslag\\p{L}*', 'licenziamenti', 'ristrutturazione',
    ],
    ['リストラ', '人員削減', '組織変更', '希望退職', '解雇'],
  ),
  health: lexicon(
    [
      'sick leave', 'medical leave', 'return[- ]to[- ]work', 'occupational health', 'long-?term absence', 'absence (?:review|meeting)',
      'your health', 'your diagnosis', 'wellbeing (?:check|meeting|conversation)', 'fit note', 'phased return', 'mental health support',
      'baja m[eé]dica', 'krankmeldung', 'wiedereingliederung', 'arbeitsunfähig\\p{L}*', 'arrêt maladie', 'licen[cç]a m[eé]dica',
      'ziekteverzuim', 're-integratie', 'malattia',
    ],
    ['病気休暇', '休職', '復職', '診断'],
  ),
  conflict: lexicon(
    [
      'grievance', 'workplace dispute', 'dispute (?:between|with (?:a |your )?(?:colleague|manager|supervisor))', 'mediation', 'conflict (?:resolution|between|with)', 'interpersonal', 'complaint against', 'tensions? (?:in|within|between)',
      'reclamaci[oó]n formal', 'reclama[cç][aã]o formal', 'queja formal', 'plainte formelle', 'förmliche beschwerde', 'formele klacht', 'mediaci[oó]n', 'beschwerde', 'schlichtung', 'médiation', 'media[cç][aã]o', 'conflito', 'conflicto', 'konflikt',
    ],
    ['紛争', '苦情', 'ハラスメント'],
  ),
  condolence: lexicon(
    [
      'passed away', 'death of', 'died', 'bereavement', 'condolences?', 'memorial(?! day)', 'funeral', 'grie(?:f|ving)', 'mourning',
      'in memory of', 'loss of our (?:colleague|friend)', 'fallecimiento', 'falleci[oó]', 'verstorben', 'trauer\\p{L}*', 'décès', 'décédée?',
      'deuil', 'falecimento', 'faleceu', 'luto', 'overleden', 'overlijden', 'lutto', 'scomparsa',
    ],
    ['訃報', '逝去', 'ご冥福', '葬儀', 'お悔やみ'],
  ),
  incident: lexicon(
    [
      '(?:major|serious|critical|security|p[01]|sev-?[0-2]|severity[- ][12]) incidents?', 'incident (?:declared|raised|bridge|call|response|commander|room)',
      'post-?incident', 'post-?mortem', '(?<!planned |scheduled )outages?(?! (?:update|schedule|report|calendar|plan|window|list|season))', 'sev-?[0-2]', 'p[01](?= incident| –| -|:)',
      '(?:service|site|system|platform|server|app|website|network|login|payments?|checkout) (?:is |are |went |goes )?down', 'down \\((?:all|every)', 'failing (?:intermittently|across|in|at)', 'unavailable across', 'data breach', 'breach(?:ed)?', 'unauthori[sz]ed access',
      'data (?:exposure|leak)', 'possible (?:data )?exposure', 'ransomware', 'cyber-?attack', 'compromised', 'boil water', 'main break',
      'evacuation', 'war room bridge', 'bridge stays open', 'crisis', 'product recall', 'head injury', 'serious injury', 'fatal\\p{L}*',
      'safeguarding concern', 'emergency (?:call|meeting|response|bridge)', 'state of emergency',
      'incidente grave', 'ca[ií]da del servicio', 'brecha de seguridad', 'crisis', 'ausfall', 'störung', 'sicherheitsvorfall', 'notfall',
      'panne', 'incident majeur', 'fuite de données', 'cellule de crise', 'queda do sistema', 'indisponibilidade', 'vazamento de dados',
      'storing', 'uitval', 'datalek', 'datenleck', 'datenpanne', 'unbefugte[nmr]? zugriff', 'krisenstab', 'cyberangriff', 'hackerangriff',
      'acceso no autorizado', 'fuga de datos', 'accès non autorisé', 'violation de données', 'acesso não autorizado', 'accesso non autorizzato',
      'fuga di dati', 'guasto', 'disservizio', 'violazione dei dati',
    ],
    ['障害発生', 'システム障害', '緊急対応', '情報漏洩', '重大事故', '事故対応'],
  ),
};

/** Exercises and drills talk about emergencies without being one. */
export const rehearsalLexicon = lexicon([
  'exercise', 'drill', 'tabletop', 'simulation', 'rehearsal', 'preparedness', 'übung', 'simulacro', 'exercice', 'simulado',
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
  hr: 'an HR or personal matter',
  layoffs: 'changes to people’s jobs',
  health: 'a health matter',
  conflict: 'a conflict or grievance',
  condolence: 'a bereavement',
  incident: 'a live incident',
};
