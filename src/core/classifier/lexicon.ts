import type { Lexicon } from './cue-matcher.js';

/**
 * The embedded classifier's vocabulary: what one-way information, a decision, a discussion, a
 * relationship meeting and an external party sound like, in English, Spanish, German, French,
 * Portuguese, Dutch, Italian and Japanese. Each cue is a small regular-expression phrase in lower
 * case, matched at word boundaries; Japanese cues match anywhere (no spaces between words).
 */

function lexicon(words: readonly string[], anywhere: readonly string[] = []): Lexicon {
  return { words, anywhere };
}

/** One-way information: status, readouts, reports, announcements, logistics, demos, training. */
const information = lexicon(
  [
    // English
    'status', 'updates?', 'fyi', 'for info(?:rmation)?', 'info', 'informational', 'for (?:your )?awareness', 'for noting', 'to note',
    'read-?outs?', 'reports?', 'reporting', 'dashboards?', 'kpis?', 'figures', 'numbers', 'metrics', 'stats', 'statistics',
    'results', 'recap', 'summary', 'overview', 'highlights?', 'walk-?through', 'walk(?:s|ing)? [\\p{L} ]{1,40} through',
    'go(?:es|ing)? (?:over|through)', 'run-?through', 'talks? [\\p{L} ]{1,30} through', 'take you through', 'present(?:s|ing)?', 'presentation',
    'briefing', 'brief', 'announcements?', 'heads-? ?up', 'reminders?', 'schedule', 'timetable', 'dates', 'deadlines?', 'calendar',
    'logistics', 'housekeeping', 'demos?', 'showcase', 'what(?:\'s| is) (?:new|in)', 'what changes', 'changes? to', 'new procedure',
    'how to', 'training', 'refresher', 'roll-?out', 'progress', 'round-?robin', 'stand-?up', 'yesterday', 'blockers', 'trackers?',
    'log', 'position', 'forecast', 'outlook', 'projections?', 'trends?', 'year to date', 'ytd', 'vs\\.? (?:plan|budget|target|ly|last year)',
    'week on week', 'month on month', 'averages?', 'attendance figures', 'round of', 'round-?up', 'desk round',
    'each (?:desk|team|department|site|area|unit|region|store|ward|person)(?: lead| manager| head)? (?:will )?(?:says?|gives?|shares?|reports?|presents?|tells?|updates?|runs? through|walks? through)',
    'where (?:their|our|the) numbers landed', 'this week', '(?:this|last) (?:week|month|quarter)\'s', 'pre-?read', 'circulated', 'attached',
    'already (?:agreed|approved|decided|finali[sz]ed|confirmed|documented)', 'approved by', 'já aprov\\p{L}*', 'ya (?:aprob|decid)\\p{L}*',
    'bereits (?:genehmigt|beschlossen|entschieden)', 'déjà (?:validée?s?|approuvée?s?|décidée?s?)', 'al (?:goedgekeurd|besloten)', 'già (?:approvat|decis)\\p{L}*', 'have been (?:finali[sz]ed|approved|agreed)',
    'final (?:rota|version|schedule|assignments?|figures|numbers|report|results|timetable|list)', 'faq', 'instructions', 'guide', 'recording', 'recorded', 'slides', 'deck', 'cascade', 'notices?', 'expected', 'risk register',
    'benefits tracker', 'compliance', 'audit', 'actions? log', 'minutes', 'updated', 'revised', 'what(?:\'s)? changed', 'effective (?:date|from)',
    'guide', 'manual', 'onboarding checklist', 'capacitaci[oó]n', 'formaci[oó]n', 'gu[ií]a', 'schulung', 'anleitung', 'leitfaden', 'formation',
    'treinamento', 'capacita[cç][aã]o', 'guia', 'opleiding', 'handleiding', 'formazione', 'manuale',
    // Spanish
    'actualizaci[oó]n', 'estado', 'informe', 'resultados', 'informativo', 'para informaci[oó]n', 'repaso', 'novedades', 'recordatorio',
    'avance', 'cifras', 'seguimiento', 'n[uú]meros', 'resultado', 'presentar[aá]?', 'presentaci[oó]n', 'c[oó]mo van', 'ronda de', 'cada (?:gestor|equipo|responsable|[aá]rea|jefe) \\p{L}+ (?:contar[aá]|presentar[aá]|informar[aá]|explicar[aá])',
    // German
    'information(?:en)?', 'zur info', 'zur kenntnis', 'stand', 'bericht', 'ergebnisse', 'überblick', 'hinweis', 'erinnerung',
    'termine', 'mitteilungen?', 'kennzahlen', 'sachstand', 'statusbericht', 'zahlen', 'rundlauf', 'runde', 'jede[rs]? (?:abteilung|bereich|team) berichtet',
    // French
    'point hebdo(?:madaire)?', 'avancement', 'mise à jour', 'pour info(?:rmation)?', 'bilan', 'résultats', 'rappel', 'compte rendu',
    'présentation', 'état des lieux', 'chiffres', 'indicateurs', 'calendrier', 'tour de table', 'présenter',
    // Portuguese
    'atualiza[cç][aã]o', 'atualiza[cç][oõ]es', 'relat[oó]rio', 'andamento', 'para conhecimento', 'lembrete', 'indicadores', 'resultados?', 'apresentar', 'apresenta[cç][aã]o', 'n[uú]meros',
    // Dutch
    'voortgang', 'stand van zaken', 'mededelingen', 'ter informatie', 'cijfers', 'overzicht', 'rondgang', 'rondje', 'vertellen kort', 'updates? van',
    // Italian
    'aggiornament[oi]', 'stato', 'per informazione', 'resoconto', 'comunicazioni', 'avanzamento', 'risultat[oi]', 'numeri', 'presentare', 'presentazione', 'giro di tavolo',
  ],
  ['報告', '共有', '進捗', '連絡事項', '周知', 'お知らせ', '状況', '実績', '説明会', '研修', 'マニュアル', '推移', '件数'],
);

/** A decision is asked for. Past tenses ("agreed", "approved") are deliberately not here. */
const decision = lexicon(
  [
    'decide', 'decisions?', 'agree(?! ?d)', 'agreement (?:on|of)', 'for agreement', 'approve', 'for approval', '(?:seek|need|needs|get|your|requires?) approval',
    'approval (?:of|for)(?! the process| the workflow| process| workflow)', 'sign-?off on', 'proposal to', 'proposals? (?:for|on) (?:approval|decision)', 'proposed (?:change|motion|policy)', 'motion',
    'needs? [\\p{L} ]{0,40}(?:agreement|approval|sign-?off|decision)', 'shortlist', 'narrow (?:down|[\\p{L} ]{1,40} to (?:one|two|three|\\d))',
    'we need to (?:narrow|settle|choose|agree|decide|sign off|approve|finali[sz]e|commit|rank|prioriti[sz]e|pick)',
    'vote', 'voting', 'go/no-?go', 'go or no-?go', 'choose between', 'choice between', 'prioriti[sz]e', 'rank', 'yes/no',
    'yes or no', 'whether (?:to|we|or)', 'do we', 'should we', 'options? [a-c1-3] (?:vs\\.?|or|versus)', 'recommend(?:ation)?',
    'ratify', 'endorse', 'commit to', 'settle on', 'finali[sz]e', 'agreeing', 'deciding', 'choosing', 'approving', 'land on', 'confirm (?:the )?(?:plan|budget|scope|approach)', 'go-?live decision',
    'we need (?:a |an |one |the )?(?:yes|decision|agreement|sign-?off|answer)', 'weigh in', 'needs? us in the room', 'need (?:one|an?) answer',
    // Spanish
    'decidir', 'decisi[oó]n', 'aprobar', 'para (?:su )?aprobaci[oó]n', 'acordar', 'votar', 'votaci[oó]n', 'elegir', 'elegiremos',
    // German
    'entscheidung', 'entscheiden', 'beschlie(?:ß|ss)en', 'beschluss', 'abstimmung', 'abstimmen', 'freigeben', 'zur freigabe', 'ja oder nein',
    // French
    'décider', 'décision', 'valider', 'pour validation', 'approuver', 'voter', 'trancher', 'choisir', 'arbitrage', 'arbitrer',
    // Portuguese
    'decis[aã]o', 'decidir', 'aprovar', 'para aprova[cç][aã]o', 'definir', 'votar', 'escolher', 'escolhe(?:mos)? juntos',
    // Dutch
    'besluit', 'beslissen', 'besluiten', 'goedkeuren', 'ter goedkeuring', 'kiezen', 'stemmen', 'knoop doorhakken',
    // Italian
    'decidere', 'decisione', 'approvare', 'per approvazione', 'votare', 'scegliere', 'sceglieremo',
  ],
  ['決定', '決め', '承認', '合意', '判断', '決裁', '可否'],
);

/** Live discussion, problem solving or ideation. */
const discussion = lexicon(
  [
    'discuss(?:ion)?', 'debate', 'brainstorm(?:ing)?', 'ideas', 'ideation', 'blue-?sky', 'whiteboards?', 'workshop', 'explore',
    'problem-?solving', 'solve', 'concerns', 'opinions', 'input on', 'feedback on', 'negotiat(?:e|ion|ing)', 'align on', 'resolve',
    'work through', 'figure out', 'scope', 'design review', 'critique', 'retro(?:spective)?', 'lessons learned', 'converge',
    'what do you think', 'come with (?:ideas|your|questions)', 'bring (?:ideas|opinions|your ideas|sketches)', 'plan (?:the|our|how)',
    'how (?:do|should|can) we', 'trade-?offs?', 'so we can (?:compare|discuss|decide|agree|work out)', 'compare (?:notes|options)', 'cut list', 'looking at the work together',
    // Spanish
    'discutir', 'debatir', 'lluvia de ideas', 'propuestas', 'comentar juntos', 'ideas',
    // German
    'besprechen', 'diskutieren', 'diskussion', 'meinungen', 'austausch', 'ideen', 'brainstorming',
    // French
    'discuter', 'échanger', 'échanges?', 'débattre', 'idées', 'réflexion', 'remue-méninges',
    // Portuguese
    'discutir', 'debater', 'ideias', 'alinhar', 'discuss[aã]o',
    // Dutch
    'bespreken', 'discussie', 'overleggen', 'ideeën', 'brainstormen',
    // Italian
    'discutere', 'discussione', 'confronto', 'idee',
  ],
  ['相談', '議論', '検討', '意見交換', 'ブレスト', 'ブレインストーミング', 'アイデア'],
);

/** A statement that there is nothing live to do: it turns the whole meeting into information. */
const nothingLive = lexicon([
  'no decisions?(?: (?:is|are))? (?:needed|required|this (?:time|month|week)|to (?:make|take))', 'no decisions?(?=[.;,!]|$)', 'no decisions? (?:on|for) (?:the|this|today\'s) (?:agenda|call|meeting)', '(?:just|only) to keep (?:everyone|you all|you|the team) (?:in the loop|informed|up to date)', 'nothing to decide', 'no approvals?',
  'there are no approvals', 'for information only', 'information only', 'info only', 'read-?out only', 'only (?:a )?read-?out',
  'only logistics', 'is only logistics', 'just (?:talks?|walks?|takes?) [\\p{L} ]{1,30} through', 'no live q&a', 'no q&a',
  'no discussion', 'discussions? (?:happens?|takes? place|will happen) (?:elsewhere|in|at|on)', 'not here', 'purely informational',
  'no action (?:is )?(?:needed|required)', 'no input (?:is )?(?:needed|required)', 'the decision (?:has|had|was) (?:already )?(?:been )?(?:made|taken)',
  '(?:this|the) (?:call|session|meeting|slot) (?:only|just|simply) (?:explains?|covers?|walks?|presents?|goes)', 'nothing to decide',
  'decision (?:is|was) already (?:made|taken)', 'nothing to do on your side', 'just an? (?:fyi|update|heads-? ?up)',
  'this (?:session|call|meeting) is (?:a )?(?:read-?out|briefing|walkthrough) only', 'this is (?:a |just a )?(?:read-?out|briefing|walkthrough|update) only',
  'nothing (?:needs|requires) (?:a )?(?:decision|sign-?off|approval)', 'nothing (?:is )?(?:off track|to sign off)',
  'entscheidungen stehen nicht an', 'keine entscheidungen?', 'ausschlie(?:ß|ss)lich (?:der|zur) information', 'nur zur information',
  'rien à (?:décider|faire de votre côté)', 'aucune décision', 'pour information uniquement',
  'no hay decisiones', 'sin decisiones', 'no hay nada que (?:votar|decidir|aprobar)', 'nada que (?:votar|decidir)', 'nothing to (?:vote on|approve|sign off)',
  'niets te (?:beslissen|kiezen|besluiten)', 'nulla da (?:decidere|votare)', 'nada para decidir', 'rien à voter', 'nichts zu entscheiden',
  'só (?:para )?(?:todo mundo|todos) conhecer', 'nothing (?:needs|to be) (?:agreeing|agreed|decided|deciding|approved|approving)', 'solo informativ[oa]', 'nenhuma decis[aã]o', 'apenas informativ[oa]',
  'geen besluiten', 'alleen ter informatie', 'nessuna decisione', 'solo informativ[oa]',
], ['決定事項は(?:特に)?ありません', '決定事項なし', '共有のみ', '報告のみ', '決めること(?:は|も)?(?:特に)?(?:あり|ござい)ません']);

/** The material already exists in writing: the meeting would only read it aloud. */
const alreadyWritten = lexicon([
  'attached', 'pack (?:is )?attached', 'will be (?:circulated|sent|posted|shared|emailed|e-mailed|on the \\p{L}+)', 'circulated',
  'on the wiki', 'on confluence', 'in the (?:shared )?(?:folder|drive|dashboard|tracker|portal)', 'on the (?:shared drive|portal|intranet)',
  'live in power ?bi', 'recording (?:goes|will go|will be)', 'slides (?:and the recording )?will be', 'faq', 'one-page guide',
  'already (?:agreed|approved|decided|finali[sz]ed|documented|published)', 'have been (?:finali[sz]ed|approved)', 'has been approved',
  'in the dashboard', 'already on', 'report is on', 'full report', 'recorded demo', 'pre-?recorded',
  'adjunto', 'en la carpeta compartida', 'anbei', 'im anhang', 'ci-joint', 'en pièce jointe', 'em anexo', 'in de bijlage', 'in het dashboard',
  'in allegato', 'se grabar[aá]', 'grabaci[oó]n', 'wird aufgezeichnet', 'aufzeichnung', 'sera enregistrée', 'enregistrement',
  'ser[aá] gravad[ao]', 'grava[cç][aã]o', 'wordt opgenomen', 'verrà registrat[ao]', 'registrazione',
]);

/** Relationship and culture: meeting people is the point. */
const relationship = lexicon(
  [
    '1:1', '1-1', '1 on 1', 'one-on-one', 'one to one', 'mentoring', 'mentor(?:ship)?', 'coaching', 'onboarding', 'induction (?:day|session|week|programme|program|training|morning)',
    'orientation', 'welcome (?:to|breakfast|lunch|morning|session)', 'meet (?:the|your) (?:team|supervisors?|buddy|colleagues)',
    'buddy', 'potluck', 'team (?:social|lunch|dinner|building|outing)', 'social (?:event|hour|evening)', 'happy hour', 'drinks', '(?<!third[- ])party', 'celebrat(?:e|ion)',
    'farewell', 'leaving do', 'send-?off', 'trivia', 'games? night', 'bring a dish', 'families welcome', 'get-?together', 'bienvenida',
    '(?:team |staff |holiday |christmas |end-of-year )?(?:lunch|luncheon|dinner|breakfast|brunch)(?! (?:&|and|n) learn)', 'coffee (?:with|chat)', 'picnic',
    'bbq', 'barbecue', 'outing', '(?:ski|boat|team) trip', 'football', 'softball', 'paintball', 'bowling', 'karaoke', 'birthday',
    'baby shower', 'retirement (?:party|lunch|celebration|drinks)', 'meet (?:and|&|n) greet', 'volunteer(?:ing)? day', 'holiday party',
    'incorporaci[oó]n', 'einarbeitung', 'willkommen', 'accueil', 'intégration', 'boas-vindas', 'integra[cç][aã]o', 'welkom', 'benvenuto',
    'pot de départ', 'afterwork', 'borrel', 'apéro',
  ],
  ['歓迎会', '懇親会', '送別会', '飲み会', 'オンボーディング', '入社', '面談'],
);

/** Someone from outside: customers, candidates, suppliers, partners, negotiations. */
const external = lexicon(
  [
    'candidates?', 'interview(?:s|ing)?', 'negotiat(?:e|ion|ing)', 'commercial discussion', 'customer (?:call|visit|meeting)',
    'client (?:call|visit|meeting)', 'supplier (?:meeting|visit|negotiation)', 'vendor (?:meeting|negotiation|pitch)', 'contract (?:negotiation|renewal)', 'our agency', 'partner meeting', 'investor', 'guest speakers?', 'due diligence', 'external (?:partner|guests?|visitors?)',
    'entrevista', 'vorstellungsgespräch', 'entretien d\'embauche', 'candidat(?:e|o|a)?s?', 'negociaci[oó]n', 'verhandlung', 'négociation',
    'negocia[cç][aã]o', 'onderhandeling', 'trattativa',
  ],
  ['お世話になっております', '御中', '商談', '面接'],
);

export const meetingLexicons = { information, decision, discussion, nothingLive, alreadyWritten, relationship, external };
