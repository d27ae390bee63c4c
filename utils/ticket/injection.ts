// Instruction-like text in a ticket: a customer (or anyone who can write into the ticket) trying to steer the
// model. Detection never blocks anything and never changes the text: the data block and its system rule already
// keep ticket text as data. What it adds is visibility — a warning on the ticket card, so the agent reads the
// draft with that in mind, and one more explicit system rule naming the messages concerned.
//
// Pure functions, no zod and no DOM: usable in the panel, the background and unit tests alike.
// Patterns favour precision over recall: ordinary support text ("please ignore my previous e-mail",
// "System: Windows 11", "the instructions in your help centre") must not raise a warning, or agents learn to
// ignore it. The negative corpus in tests/unit/injection.test.ts holds the look-alikes.

export type InjectionKind = 'override' | 'role-play' | 'prompt-leak' | 'fake-message' | 'fake-delimiter';

export const INJECTION_KIND_LABELS: Record<InjectionKind, string> = {
  override: 'asks to ignore or replace the instructions',
  'role-play': 'asks the AI to take on another role (jailbreak)',
  'prompt-leak': 'asks to reveal the system prompt or internal notes',
  'fake-message': 'imitates a system, assistant or developer message',
  'fake-delimiter': 'imitates the delimiters around ticket data',
};

const ORDER: InjectionKind[] = ['override', 'role-play', 'prompt-leak', 'fake-message', 'fake-delimiter'];

/**
 * Lower case, compatibility forms folded (full-width letters, ligatures), accents removed, zero-width characters
 * dropped and whitespace collapsed within lines — so "Ｉｇｎｏｒｅ", "ig\u200bnore" and "précédentes" match plain
 * patterns. Line breaks are kept: fake messages are recognised at the start of a line.
 */
export function normalizeForDetection(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC`´]/g, "'")
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ');
}

// Words in a few languages. Kept as data so adding a language is adding words.
const W = {
  // "instructions" and near synonyms (en, de, fr, es, sv)
  instructions:
    '(?:instructions?|prompts?|rules|guidelines|directives?|directions|anweisungen|instruktionen|befehle|regeln|vorgaben|consignes|regles|instrucciones|indicaciones|reglas|instruktioner|anvisningar|regler)',
  // "previous / above / all / system"-like qualifiers that point at the model's own instructions
  previous:
    '(?:previous|prior|above|earlier|preceding|original|initial|system|vorherigen?|bisherigen?|obigen?|vorigen?|fruheren?|precedentes?|anterieures?|ci-dessus|anteriores?|previas?|tidigare|foregaende|ovanstaende)',
};

const re = (source: string) => new RegExp(source, 'm');

const PATTERNS: Record<InjectionKind, RegExp[]> = {
  override: [
    // en: "ignore all previous instructions", "disregard the above rules", "forget your instructions".
    // Not "ignore my previous instructions" (a customer correcting themselves) nor "ignore my previous email".
    re(
      `\\b(?:ignore|disregard|forget|override|bypass|skip)\\s+(?:all\\s+|any\\s+|every\\s+)?(?:of\\s+)?(?:the\\s+|your\\s+|these\\s+|those\\s+|prior\\s+)?(?:${W.previous}\\s+)?${W.instructions}\\b`,
    ),
    re(
      `\\b(?:ignore|disregard|forget)\\s+(?:all|everything)\\s+(?:above|before|you (?:were|have been) told)\\b`,
    ),
    re(`\\b(?:new|updated|real|actual)\\s+(?:system\\s+)?instructions\\s*:`),
    re(`\\byour\\s+(?:new|real|only)\\s+(?:task|instructions?|goal|job)\\s+(?:is|are)\\b`),
    // de: "ignoriere alle vorherigen Anweisungen", "vergiss deine Anweisungen"
    re(
      `\\b(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte)\\s+(?:bitte\\s+)?(?:alle\\s+|samtliche\\s+)?(?:deine\\s+|ihre\\s+|die\\s+)?(?:${W.previous}\\s+)?${W.instructions}\\b`,
    ),
    // fr: "ignore(z) toutes les instructions précédentes", "oubliez vos instructions"
    re(
      `\\b(?:ignore[rz]?|oublie[rz]?)\\s+(?:toutes\\s+|tous\\s+)?(?:les\\s+|tes\\s+|vos\\s+|ces\\s+)?(?:${W.previous}\\s+)?${W.instructions}\\b`,
    ),
    // es: "ignora todas las instrucciones anteriores", "olvida tus instrucciones"
    re(
      `\\b(?:ignora[rd]?|ignore|olvida[rd]?|olvide)\\s+(?:todas\\s+|todos\\s+)?(?:las\\s+|tus\\s+|sus\\s+|los\\s+)?(?:${W.previous}\\s+)?${W.instructions}\\b`,
    ),
    // sv: "ignorera alla tidigare instruktioner", "glöm dina instruktioner"
    re(
      `\\b(?:ignorera|glom|bortse fran)\\s+(?:alla\\s+)?(?:dina\\s+|de\\s+)?(?:${W.previous}\\s+)?${W.instructions}\\b`,
    ),
  ],
  'role-play': [
    re(
      `\\byou\\s+are\\s+(?:now|no longer)\\s+(?:an?\\s+|the\\s+)?(?:dan|unrestricted|unfiltered|evil|jailbroken|free|different|new)\\b`,
    ),
    re(`\\byou\\s+are\\s+now\\s+(?:an?\\s+)?(?:ai|assistant|chatbot|bot|language model|model)\\b`),
    re(`\\b(?:do anything now|dan mode|developer mode|jailbreak(?:ing|en)?|god mode)\\b`),
    re(`\\bpretend\\s+(?:to\\s+be|you\\s+are|you'?re|that\\s+you)\\b`),
    re(
      `\\b(?:act|behave|respond|answer)\\s+as\\s+(?:if\\s+you\\s+were\\s+)?(?:an?\\s+)?(?:unrestricted|unfiltered|uncensored|evil|different|jailbroken|ai|assistant|chatbot|system|admin(?:istrator)?|developer|root)\\b`,
    ),
    re(`\\b(?:roleplay|role-play|role play)\\s+as\\b`),
    re(`\\bfrom now on,?\\s+(?:you|the assistant|the ai)\\s+(?:are|will|must|shall|should)\\b`),
    // de / fr / es / sv: "du bist jetzt ein …", "tu es maintenant un …", "ahora eres un …", "du är nu en …"
    re(
      `\\b(?:du bist (?:jetzt|ab jetzt|nun)|tu es maintenant|vous etes maintenant|ahora eres|a partir de ahora eres|du ar nu|fran och med nu ar du)\\s+(?:ein|eine|un|une|una|en|ett)?\\s*(?:dan|ki|ia|ai|assistent(?:in)?|assistant|asistente|chatbot|bot|modell|modele|modelo|system|systeme|sistema|admin|uneingeschrankt\\w*|sans restrictions?|sin restricciones|utan begransningar)\\b`,
    ),
    re(
      `\\b(?:tu so,? als (?:ob|warst) du|fais semblant d'etre|faites semblant d'etre|finge (?:ser|que eres)|latsas (?:att du ar|vara))\\b`,
    ),
  ],
  'prompt-leak': [
    re(
      `\\b(?:reveal|show|print|output|repeat|display|share|leak|dump|paste|copy|give me|tell me|send me|what (?:is|are|were))\\b[^\\n.?!]{0,40}\\b(?:(?:system|initial|original|hidden|secret|developer|internal)\\s+(?:prompt|instructions|message|rules)|your\\s+(?:system\\s+)?prompt|your\\s+(?:instructions|rules)(?!\\s+(?:for|on|about|regarding|to)\\b)|(?:internal|private|agent)\\s+notes?|the\\s+(?:text|instructions|prompt)\\s+above)\\b`,
    ),
    // de / fr / es / sv
    re(
      `\\b(?:zeig(?:e|en sie)?|gib|geben sie|verrate|nenne|wiederhole|drucke)\\b[^\\n.?!]{0,40}\\b(?:system-?prompt|deine anweisungen|ihre anweisungen|interne(?:n)? notizen)\\b`,
    ),
    re(
      `\\b(?:montre[rz]?|affiche[rz]?|revele[rz]?|donne[rz]?|repete[rz]?|dis-moi)\\b[^\\n.?!]{0,40}\\b(?:prompt (?:systeme|du systeme|initial)|tes instructions|vos instructions|notes internes)\\b`,
    ),
    re(
      `\\b(?:muestra(?:me)?|revela(?:me)?|dime|dame|imprime|repite)\\b[^\\n.?!]{0,40}\\b(?:prompt (?:del sistema|de sistema|inicial)|tus instrucciones|sus instrucciones|notas internas)\\b`,
    ),
    re(
      `\\b(?:visa|avsloja|beratta|skriv ut|upprepa|ge mig)\\b[^\\n.?!]{0,40}\\b(?:systemprompt(?:en)?|dina instruktioner|interna anteckningar(?:na)?)\\b`,
    ),
  ],
  'fake-message': [
    // A turn marker at the start of a line. "System:" alone is common in bug reports ("System: Windows 11"),
    // so it counts only when the rest of the line talks to the model.
    re(`^\\s*(?:assistant|developer|ai assistant|chatgpt)\\s*(?:message)?\\s*:`),
    re(
      `^\\s*(?:system|sys|admin|deskmate)\\s*(?:message|prompt|note|override)?\\s*:[^\\n]*\\b(?:you|your|ignore|instructions?|must|reply|respond|assistant|ai|model|prompt|refund(?:ed)? approved|override)\\b`,
    ),
    re(`^\\s*#{1,6}\\s*(?:system|assistant|developer|instructions?|new rules)\\b`),
    re(`^\\s*[[(<]\\s*/?\\s*(?:system|assistant|developer|sys|inst)\\s*[\\])>]`),
    re(
      `<\\|\\s*(?:im_start|im_end|im_sep|system|assistant|user|endoftext|eot_id|start_header_id|end_header_id)\\s*\\|>`,
    ),
    re(`\\[/?inst\\]|<<\\/?sys>>`),
    // Deskmate's own message headers ("[Message 2 of 3 | agent | …]"), faked inside a message body.
    re(`^\\s*\\[\\s*message\\s+\\d+\\s+of\\s+\\d+\\b`),
  ],
  'fake-delimiter': [
    re(`<{2,}\\s*/?\\s*(?:end[\\s_-]*)?(?:ticket[\\s_-]*data|data|system|instructions|prompt)\\b`),
    re(
      `\\b(?:end|begin|start)[\\s_-]*(?:of[\\s_-]*)?(?:ticket[\\s_-]*data|untrusted[\\s_-]*data|customer[\\s_-]*(?:data|input)|user[\\s_-]*input|data[\\s_-]*block)\\b`,
    ),
    re(`\\bnonce\\s*=\\s*[\\w-]{4,}`),
    re(
      `^\\s*[=\\-*_#]{3,}\\s*(?:end|begin)\\s+(?:of\\s+)?(?:the\\s+)?(?:ticket|data|conversation|customer message|input|system prompt)\\b`,
    ),
    re(`^\\s*\`{3}\\s*(?:system|instructions|prompt)\\s*$`),
  ],
};

/** The kinds of instruction-like text found in `text`, in a fixed order; [] for ordinary text. */
export function detectInjection(text: string): InjectionKind[] {
  if (!text) return [];
  const normalized = normalizeForDetection(text);
  return ORDER.filter((kind) => PATTERNS[kind].some((pattern) => pattern.test(normalized)));
}

export interface InjectionFinding {
  /** 'subject', or the message's 1-based position in the thread (as the prompt numbers them). */
  where: 'subject' | number;
  role?: string;
  author?: string;
  kinds: InjectionKind[];
}

interface TicketLike {
  subject: string;
  messages: ReadonlyArray<{ role: string; text: string; author: { name: string } }>;
}

/**
 * Findings for a ticket: the subject and every message not written by an agent (customers, and the helpdesk's
 * system events, which can carry customer-supplied text such as form fields). Agent replies and internal notes
 * are the team's own words.
 */
export function findInjections(ticket: TicketLike): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  const subjectKinds = detectInjection(ticket.subject);
  if (subjectKinds.length) findings.push({ where: 'subject', kinds: subjectKinds });
  ticket.messages.forEach((message, index) => {
    if (message.role === 'agent' || message.role === 'internal') return;
    const kinds = detectInjection(message.text);
    if (kinds.length)
      findings.push({ where: index + 1, role: message.role, author: message.author.name, kinds });
  });
  return findings;
}

/** "the subject" / "message 2" — the same numbering as the prompt's "[Message 2 of 5 …]" headers. */
export function findingPlace(finding: InjectionFinding): string {
  return finding.where === 'subject' ? 'the subject' : `message ${finding.where}`;
}
