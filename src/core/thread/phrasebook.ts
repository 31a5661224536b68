import type { SupportedLanguage } from '../language.js';

/**
 * The sentences of the template thread drafter, in every supported language. Each is a small
 * function of what changes (the subject, the reply-by day, the minutes kept, an owner), written
 * the way a colleague would write it rather than translated word for word, so that a thread
 * drafted for a German or Japanese team reads as if one of them had posted it.
 *
 * Conventions per language: English, Dutch, Spanish and Italian speak to each reader ("you");
 * German uses the impersonal "Bitte … antworten" that works for teams on "du" and on "Sie";
 * French uses "vous"; Portuguese uses forms that read right in Brazil and in Portugal; Japanese
 * is polite (です・ます). Dates come from `formatReplyDate` ("Thursday 12 June", "jueves, 12 de
 * junio", "6月12日木曜日"), numbers from `formatHours`.
 */

export interface IntroParts {
  /** The meeting's subject, as plain text. */
  subject: string;
  /** The reply-by day, already formatted with `formatReplyDate`. */
  replyBy: string;
}

export interface Phrasebook {
  language: SupportedLanguage;
  /** What goes between two sentences: a space, or nothing in Japanese. */
  sentenceGap: string;
  /** Closes a sentence taken from the invite that has no final punctuation. */
  fullStop: string;
  /** Stands in for an empty subject. */
  untitled: string;
  asyncTitle(subject: string): string;
  preReadTitle(subject: string): string;
  /** The meeting is replaced by the thread. */
  asyncIntro(parts: IntroParts): string;
  /** The meeting is shortened; its updates move to the thread. */
  trimIntro(parts: IntroParts & { keepMinutes: number }): string;
  /** The meeting stays; the thread is a pre-read. */
  keepIntro(parts: IntroParts): string;
  /** The time the thread gives back, already formatted with `formatHours`. */
  timeBack(personHours: string): string;
  /** Asks the owner of an information item (or whoever owns it) to post the update here. */
  postUpdate(owner?: string): string;
  /** The body of the single item drafted from an invite that has no written agenda. */
  noAgenda: string;
  askInfo(replyBy: string): string;
  askDecision(replyBy: string): string;
  askDiscussion(replyBy: string): string;
  askOther(replyBy: string): string;
}

const english: Phrasebook = {
  language: 'en',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(no subject)',
  asyncTitle: (subject) => `Async update: ${subject}`,
  preReadTitle: (subject) => `Pre-read: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `We're skipping the “${subject}” meeting and covering it here in writing instead. Each item below is its own post: please reply under it by ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `“${subject}” is shortened to ${keepMinutes} minutes for the items that need us together; the updates move here. Please read them and reply under each one by ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `“${subject}” goes ahead as planned; this pre-read covers the updates so the meeting can focus on what needs us together. Please read it and reply with any questions by ${replyBy}.`,
  timeBack: (hours) => `That gives back about ${hours} person-hours.`,
  postUpdate: (owner) =>
    owner ? `${owner}, please post your update and any figures in this thread.` : 'Whoever owns this, please post the update and any figures in this thread.',
  noAgenda: 'The invite has no written agenda: please post your update or questions here.',
  askInfo: (date) => `Read, and reply with questions or blockers by ${date}.`,
  askDecision: (date) => `Reply with your choice (or an objection) by ${date}; no reply counts as agreement.`,
  askDiscussion: (date) => `Add your view by ${date}.`,
  askOther: (date) => `Reply by ${date} if this needs anything from you.`,
};

const spanish: Phrasebook = {
  language: 'es',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(sin asunto)',
  asyncTitle: (subject) => `Actualización por escrito: ${subject}`,
  preReadTitle: (subject) => `Lectura previa: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `Esta vez no nos reunimos para “${subject}”: lo resolvemos aquí por escrito. Cada punto tiene su propia publicación; responde en cada uno a más tardar el ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `La reunión “${subject}” se acorta a ${keepMinutes} minutos, para los puntos que necesitamos tratar juntos; las actualizaciones pasan a este hilo. Léelas y responde en cada una a más tardar el ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `La reunión “${subject}” se mantiene; esta lectura previa recoge las actualizaciones para dedicar la reunión a lo que necesitamos tratar juntos. Léela y envía tus preguntas a más tardar el ${replyBy}.`,
  timeBack: (hours) => `Así recuperamos unas ${hours} horas-persona.`,
  postUpdate: (owner) =>
    owner ? `${owner}, publica aquí la actualización y las cifras, por favor.` : 'Que la persona responsable publique aquí la actualización y las cifras, por favor.',
  noAgenda: 'La convocatoria no tiene orden del día: publica aquí tu actualización o tus preguntas.',
  askInfo: (date) => `Léelo y responde con preguntas o bloqueos a más tardar el ${date}.`,
  askDecision: (date) => `Responde con tu elección (o tu objeción) a más tardar el ${date}; si no respondes, entendemos que estás de acuerdo.`,
  askDiscussion: (date) => `Aporta tu opinión a más tardar el ${date}.`,
  askOther: (date) => `Responde a más tardar el ${date} si esto requiere algo de ti.`,
};

const german: Phrasebook = {
  language: 'de',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(ohne Betreff)',
  asyncTitle: (subject) => `Schriftliches Update: ${subject}`,
  preReadTitle: (subject) => `Vorabinfo: ${subject}`,
  // The date goes last: "bis Donnerstag, 12. Juni" mid-sentence would want a closing comma.
  asyncIntro: ({ subject, replyBy }) =>
    `Statt eines Termins zu „${subject}“ klären wir das diesmal schriftlich. Jeder Punkt unten hat einen eigenen Beitrag: Bitte direkt darunter antworten, spätestens bis ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `Der Termin „${subject}“ wird auf ${keepMinutes} Minuten gekürzt, für die Punkte, die wir gemeinsam besprechen müssen; die Updates stehen hier. Bitte lesen und unter dem jeweiligen Punkt antworten, spätestens bis ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `Der Termin „${subject}“ findet wie geplant statt; diese Vorabinfo enthält die Updates, damit wir die Zeit für das nutzen, was wir gemeinsam klären müssen. Fragen bitte hier posten, spätestens bis ${replyBy}.`,
  timeBack: (hours) => `Das spart rund ${hours} Personenstunden.`,
  postUpdate: (owner) =>
    owner ? `${owner}, bitte das Update und die Zahlen hier posten.` : 'Die zuständige Person postet bitte das Update und die Zahlen hier.',
  noAgenda: 'Die Einladung enthält keine Agenda: Bitte Updates oder Fragen hier posten.',
  askInfo: (date) => `Bitte lesen und Fragen oder Blocker melden, spätestens bis ${date}.`,
  askDecision: (date) => `Bitte mit der bevorzugten Option (oder einem Einwand) antworten, spätestens bis ${date}; keine Antwort gilt als Zustimmung.`,
  askDiscussion: (date) => `Bitte die eigene Einschätzung ergänzen, spätestens bis ${date}.`,
  askOther: (date) => `Bitte antworten, falls hier etwas gebraucht wird – spätestens bis ${date}.`,
};

/** French typography: a no-break space before « : ; » and inside guillemets. */
const nbsp = '\u00a0';

const french: Phrasebook = {
  language: 'fr',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(sans objet)',
  asyncTitle: (subject) => `Point écrit${nbsp}: ${subject}`,
  preReadTitle: (subject) => `À lire en amont${nbsp}: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `Nous remplaçons la réunion «${nbsp}${subject}${nbsp}» par ce fil écrit. Chaque point ci-dessous a son propre message${nbsp}; merci de répondre sous chacun d'ici le ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `La réunion «${nbsp}${subject}${nbsp}» est raccourcie à ${keepMinutes} minutes, consacrées aux points qui demandent un échange en direct${nbsp}; les points d'information passent dans ce fil. Merci de les lire et de répondre sous chacun d'ici le ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `La réunion «${nbsp}${subject}${nbsp}» est maintenue${nbsp}; ce fil reprend les points d'information pour consacrer la réunion à ce qui demande un échange en direct. Merci de le lire et de poser vos questions d'ici le ${replyBy}.`,
  timeBack: (hours) => `Cela libère environ ${hours} heures de travail cumulées.`,
  postUpdate: (owner) =>
    owner
      ? `${owner}, merci de publier ici le point d'avancement et les chiffres.`
      : "Merci à la personne responsable de publier ici le point d'avancement et les chiffres.",
  noAgenda: `L'invitation ne comporte pas d'ordre du jour${nbsp}: publiez ici votre point ou vos questions.`,
  askInfo: (date) => `Merci de lire et de signaler vos questions ou points bloquants d'ici le ${date}.`,
  askDecision: (date) => `Répondez avec votre choix (ou une objection) d'ici le ${date}${nbsp}; sans réponse, nous considérerons que vous êtes d'accord.`,
  askDiscussion: (date) => `Donnez votre avis d'ici le ${date}.`,
  askOther: (date) => `Répondez d'ici le ${date} si ce point demande quelque chose de votre part.`,
};

const portuguese: Phrasebook = {
  language: 'pt',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(sem assunto)',
  asyncTitle: (subject) => `Atualização por escrito: ${subject}`,
  preReadTitle: (subject) => `Leitura prévia: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `Desta vez, em vez da reunião “${subject}”, vamos tratar tudo por escrito. Cada item abaixo tem a sua própria mensagem: responda em cada um até ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `A reunião “${subject}” passa a ter ${keepMinutes} minutos, dedicados aos itens que precisam de conversa ao vivo; as atualizações ficam aqui, por escrito. Leia-as e responda em cada uma até ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `A reunião “${subject}” está mantida; esta leitura prévia reúne as atualizações para que o tempo da reunião fique para o que precisa ser discutido ao vivo. Leia e envie as suas dúvidas até ${replyBy}.`,
  timeBack: (hours) => `São cerca de ${hours} horas-pessoa a menos em reunião.`,
  postUpdate: (owner) =>
    owner ? `${owner}, por favor publique aqui a atualização e os números.` : 'Pedimos ao responsável por este item que publique aqui a atualização e os números.',
  noAgenda: 'O convite não tem agenda: publique aqui a sua atualização ou as suas dúvidas.',
  askInfo: (date) => `Leia e responda com dúvidas ou impedimentos até ${date}.`,
  askDecision: (date) => `Responda com a sua escolha (ou uma objeção) até ${date}; sem resposta, consideramos que está de acordo.`,
  askDiscussion: (date) => `Deixe a sua opinião até ${date}.`,
  askOther: (date) => `Responda até ${date} se isto precisar de algo da sua parte.`,
};

const dutch: Phrasebook = {
  language: 'nl',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(geen onderwerp)',
  asyncTitle: (subject) => `Schriftelijke update: ${subject}`,
  preReadTitle: (subject) => `Vooraf lezen: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `In plaats van het overleg ‘${subject}’ handelen we het deze keer schriftelijk af. Elk punt hieronder heeft een eigen bericht: reageer daar uiterlijk ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `Het overleg ‘${subject}’ wordt ingekort tot ${keepMinutes} minuten, voor de punten die we samen moeten bespreken; de updates staan hier. Lees ze en reageer per punt uiterlijk ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `Het overleg ‘${subject}’ gaat gewoon door; hier staan de updates alvast, zodat we de tijd kunnen besteden aan wat we samen moeten bespreken. Lees ze en stel je vragen uiterlijk ${replyBy}.`,
  timeBack: (hours) => `Dat scheelt zo’n ${hours} persoonsuren.`,
  postUpdate: (owner) =>
    owner ? `${owner}, wil je de update en de cijfers hier plaatsen?` : 'Wil de eigenaar van dit punt de update en de cijfers hier plaatsen?',
  noAgenda: 'De uitnodiging heeft geen agenda: plaats hier je update of je vragen.',
  askInfo: (date) => `Lees het en reageer uiterlijk ${date} met vragen of blokkades.`,
  askDecision: (date) => `Geef uiterlijk ${date} je keuze (of je bezwaar) door; geen reactie geldt als akkoord.`,
  askDiscussion: (date) => `Geef uiterlijk ${date} je mening.`,
  askOther: (date) => `Reageer uiterlijk ${date} als dit iets van je vraagt.`,
};

const italian: Phrasebook = {
  language: 'it',
  sentenceGap: ' ',
  fullStop: '.',
  untitled: '(senza oggetto)',
  asyncTitle: (subject) => `Aggiornamento scritto: ${subject}`,
  preReadTitle: (subject) => `Lettura preliminare: ${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `Al posto della riunione “${subject}”, questa volta procediamo per iscritto. Ogni punto qui sotto ha il suo messaggio: rispondi sotto ciascuno entro ${replyBy}.`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `La riunione “${subject}” si riduce a ${keepMinutes} minuti, dedicati ai punti da discutere insieme; gli aggiornamenti passano qui. Leggili e rispondi sotto ciascuno entro ${replyBy}.`,
  keepIntro: ({ subject, replyBy }) =>
    `La riunione “${subject}” resta confermata; qui trovi in anticipo gli aggiornamenti, così il tempo insieme va a ciò che va discusso dal vivo. Leggili e manda le tue domande entro ${replyBy}.`,
  timeBack: (hours) => `Così recuperiamo circa ${hours} ore-persona.`,
  postUpdate: (owner) =>
    owner ? `${owner}, pubblica qui l'aggiornamento e i numeri, per favore.` : "Chi segue questo punto pubblichi qui l'aggiornamento e i numeri, per favore.",
  noAgenda: "L'invito non ha un ordine del giorno: pubblica qui il tuo aggiornamento o le tue domande.",
  askInfo: (date) => `Leggi e segnala eventuali domande o ostacoli entro ${date}.`,
  askDecision: (date) => `Rispondi con la tua scelta (o un'obiezione) entro ${date}; chi non risponde si considera d'accordo.`,
  askDiscussion: (date) => `Aggiungi il tuo punto di vista entro ${date}.`,
  askOther: (date) => `Rispondi entro ${date} se questo punto richiede qualcosa da parte tua.`,
};

/** "KAT" → "KATさん"; a name that already carries an honorific is left as it is. */
function honorific(name: string): string {
  return /(さん|様|さま|氏|殿)$/u.test(name) ? name : `${name}さん`;
}

const japanese: Phrasebook = {
  language: 'ja',
  sentenceGap: '',
  fullStop: '。',
  untitled: '（件名なし）',
  asyncTitle: (subject) => `【書面共有】${subject}`,
  preReadTitle: (subject) => `【事前資料】${subject}`,
  asyncIntro: ({ subject, replyBy }) =>
    `今回は「${subject}」の会議を行わず、このスレッドで書面にて進めます。各項目は個別の投稿になっていますので、${replyBy}までにそれぞれ返信してください。`,
  trimIntro: ({ subject, keepMinutes, replyBy }) =>
    `「${subject}」は、全員で話し合う必要がある項目に絞って${keepMinutes}分に短縮します。報告事項はこちらに移しましたので、${replyBy}までに目を通し、各項目に返信してください。`,
  keepIntro: ({ subject, replyBy }) =>
    `「${subject}」は予定どおり開催します。会議の時間を話し合いが必要な内容に充てるため、報告事項を事前に共有します。${replyBy}までにご確認のうえ、質問があれば返信してください。`,
  timeBack: (hours) => `これにより延べ約${hours}人時を節約できます。`,
  postUpdate: (owner) =>
    owner ? `${honorific(owner)}、このスレッドに報告内容と数値を投稿してください。` : '担当の方は、このスレッドに報告内容と数値を投稿してください。',
  noAgenda: '招待状にアジェンダがないため、報告や質問をこちらに投稿してください。',
  askInfo: (date) => `内容を確認し、質問や懸念点があれば${date}までに返信してください。`,
  askDecision: (date) => `${date}までに、希望する案（または異論）を返信してください。返信がない場合は賛成とみなします。`,
  askDiscussion: (date) => `${date}までにご意見をお寄せください。`,
  askOther: (date) => `対応が必要な場合は、${date}までに返信してください。`,
};

const phrasebooks: Record<SupportedLanguage, Phrasebook> = {
  en: english,
  es: spanish,
  de: german,
  fr: french,
  pt: portuguese,
  nl: dutch,
  it: italian,
  ja: japanese,
};

export function phrasebookFor(language: SupportedLanguage): Phrasebook {
  return phrasebooks[language];
}

/**
 * British English for English dates ("Thursday 12 June"): day before month reads unambiguously
 * on both sides of the Atlantic, and the weekday carries the deadline anyway.
 */
const dateLocales: Record<SupportedLanguage, string> = { en: 'en-GB', es: 'es', de: 'de', fr: 'fr', pt: 'pt', nl: 'nl', it: 'it', ja: 'ja' };

// Building an Intl formatter costs far more than using one: one per language, made when first used.
const dateFormats = new Map<SupportedLanguage, Intl.DateTimeFormat>();
const hourFormats = new Map<SupportedLanguage, Intl.NumberFormat>();

/** "2025-06-12" → "Thursday 12 June" / "Donnerstag, 12. Juni" / "6月12日木曜日". */
export function formatReplyDate(isoDate: string, language: SupportedLanguage): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(dateLocales[language], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format.format(new Date(`${isoDate}T12:00:00Z`));
}

/** 2.5 → "2.5" / "2,5"; at most one decimal. */
export function formatHours(hours: number, language: SupportedLanguage): string {
  let format = hourFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(dateLocales[language], { maximumFractionDigits: 1 });
    hourFormats.set(language, format);
  }
  return format.format(hours);
}
