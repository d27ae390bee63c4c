import { z } from 'zod';
import type { Ticket } from './ticket';

// Which language the customer writes in, so drafts answer in it. Small and dependency-free: the writing system
// decides for Japanese, Chinese, Korean, Russian and Arabic; for Latin-script languages, the share of common
// function words ("the", "und", "les", "che"…) does, with a few letters only one language uses as a tie-break.
// It only has to be right on a customer's message of a few lines; when it is not sure, it says so and the prompt
// falls back to "the customer's language".

export const LANGUAGE_CODES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt',
  'nl',
  'sv',
  'pl',
  'ja',
  'zh',
  'ko',
  'ru',
  'ar',
] as const;
export const LanguageCode = z.enum(LANGUAGE_CODES);
export type LanguageCode = z.infer<typeof LanguageCode>;

export const LANGUAGE_NAMES: Record<LanguageCode, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  pt: 'Portuguese',
  nl: 'Dutch',
  sv: 'Swedish',
  pl: 'Polish',
  ja: 'Japanese',
  zh: 'Chinese',
  ko: 'Korean',
  ru: 'Russian',
  ar: 'Arabic',
};

/** Below this, a guess is not used (the prompt says "the customer's language" instead). */
export const CONFIDENT = 0.5;

export interface LanguageGuess {
  code: LanguageCode | null;
  /** 0 (no idea) … 1 (certain). */
  confidence: number;
}

const STOP_WORDS: Record<Exclude<LanguageCode, 'ja' | 'zh' | 'ko' | 'ru' | 'ar'>, string> = {
  en: 'the and is are was were you your i my me it this that to of in for with have has not can could would please thanks thank hello hi we our they be do does did an at on from but if will just',
  de: 'der die das und ist sind ich mein meine mich mir nicht ein eine einen es sie wir ihr zu mit von auf für den dem des bitte danke hallo auch noch aber wenn kann können wurde habe haben schon nach',
  fr: 'le la les et est sont je mon ma mes moi ne pas un une des du de vous votre nous il elle pour avec sur dans merci bonjour mais si ai avez été qui que cette',
  es: 'el la los las y es son yo mi mis me no un una unos de del que por para con en gracias hola pero si he ha está están usted su muy este esta también',
  it: 'il lo la gli le e è sono io mio mia mi non un una di del della che per con in grazie ciao buongiorno ma se ho ha questo questa anche sono stato',
  pt: 'o a os as e é são eu meu minha não um uma de do da dos das que por para com em obrigado obrigada olá mas se tenho foi está você seu sua também isso',
  nl: 'de het een en is zijn ik mijn mij niet je jij u uw we wij ze met van op voor aan dank bedankt hallo maar als heb heeft geen ook dat dit wel nog',
  sv: 'och är jag min mitt mina mig inte en ett det den att på med för av till tack hej men om har hade kan kommer vi ni du din ditt också fast',
  pl: 'i jest są ja mój moja mnie nie się to na w z do że dla jak ale czy mam ma dziękuję dzień dobry proszę już jeszcze tak po od moje',
};

const WORDS = new Map<string, Set<string>>(
  Object.entries(STOP_WORDS).map(([code, list]) => [code, new Set(list.split(' '))]),
);

/** Letters (almost) only one of our Latin-script languages uses. */
const DISTINCT_LETTERS: Array<[RegExp, LanguageCode]> = [
  [/ß/g, 'de'],
  [/[ąęłńśźż]/g, 'pl'],
  [/[ñ¿¡]/g, 'es'],
  [/[ãõ]/g, 'pt'],
  [/å/g, 'sv'],
  [/[œ]/g, 'fr'],
];

function scriptGuess(text: string): LanguageGuess | null {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const han = count(/\p{Script=Han}/gu);
  const hangul = count(/\p{Script=Hangul}/gu);
  const cyrillic = count(/\p{Script=Cyrillic}/gu);
  const arabic = count(/\p{Script=Arabic}/gu);
  const latin = count(/\p{Script=Latin}/gu);
  const total = kana + han + hangul + cyrillic + arabic + latin;
  if (total === 0) return { code: null, confidence: 0 };
  const share = (n: number) => n / total;
  // Japanese mixes kana with kanji; Chinese has no kana. A few kana are enough to tell them apart.
  if (kana > 0 && share(kana + han) > 0.5) return { code: 'ja', confidence: Math.min(1, share(kana + han)) };
  if (han > 0 && share(han) > 0.5) return { code: 'zh', confidence: share(han) };
  if (share(hangul) > 0.5) return { code: 'ko', confidence: share(hangul) };
  // Ukrainian and Belarusian letters: Cyrillic, but not Russian; no guess rather than a wrong one.
  if (share(cyrillic) > 0.5) {
    if (/[іїєґў]/i.test(text)) return { code: null, confidence: 0.2 };
    return { code: 'ru', confidence: share(cyrillic) };
  }
  if (share(arabic) > 0.5) return { code: 'ar', confidence: share(arabic) };
  if (share(latin) > 0.5) return null; // decide by words
  return { code: null, confidence: 0.2 }; // no script dominates: mixed
}

/** Guesses the language of one text. */
export function detectLanguage(text: string): LanguageGuess {
  const clean = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\[[A-Z]+(?:_[A-Z]+)*_\d+\]/g, ' '); // redaction placeholders like [EMAIL_1]
  const byScript = scriptGuess(clean);
  if (byScript) return byScript;

  const lower = clean.toLowerCase();
  const tokens = lower.match(/\p{L}+/gu) ?? [];
  if (tokens.length === 0) return { code: null, confidence: 0 };
  const scores = new Map<LanguageCode, number>();
  for (const [code, words] of WORDS) {
    let hits = 0;
    for (const t of tokens) if (words.has(t)) hits++;
    scores.set(code as LanguageCode, hits);
  }
  for (const [re, code] of DISTINCT_LETTERS) {
    const n = lower.match(re)?.length ?? 0;
    if (n > 0) scores.set(code, (scores.get(code) ?? 0) + Math.min(2, n) * 0.75);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [bestCode, best] = ranked[0] ?? [null, 0];
  const second = ranked[1]?.[1] ?? 0;
  if (!bestCode || best < 1) return { code: null, confidence: 0 };
  // Clear lead over the runner-up, and enough evidence: a two-word "Hi there" is not a certainty.
  const margin = (best - second) / best;
  const evidence = Math.min(1, best / 4);
  return { code: bestCode, confidence: Math.round(margin * evidence * 100) / 100 };
}

/** Quoted earlier mail ("> …", "On … wrote:") is often in the agent's language, not the customer's. */
function ownWords(text: string): string {
  const lines = text.split(/\r?\n/);
  const cut = lines.findIndex((l) =>
    /^\s*(on .{4,80} wrote:|am .{4,80} schrieb|le .{4,80} a écrit)/i.test(l),
  );
  return (cut >= 0 ? lines.slice(0, cut) : lines).filter((l) => !/^\s*>/.test(l)).join('\n');
}

export interface CustomerLanguage {
  /** A BCP 47 tag (the adapter's value, e.g. "de-AT") or one of our detected codes; null when unknown. */
  code: string | null;
  /** English name, e.g. "German"; null when unknown or not nameable. */
  name: string | null;
  source: 'adapter' | 'detected' | 'unknown';
  confidence: number;
}

const MAX_SAMPLE = 3_000;

/** English name of a language tag: ours first, then the browser's list; undefined when it has none. */
export function languageName(code: string): string | undefined {
  const base = code.toLowerCase().split(/[-_]/)[0] ?? '';
  const parsed = LanguageCode.safeParse(base);
  if (parsed.success && base === code.toLowerCase()) return LANGUAGE_NAMES[parsed.data];
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    return name && name !== code ? name : undefined;
  } catch {
    return parsed.success ? LANGUAGE_NAMES[parsed.data] : undefined;
  }
}

/** Detection must be at least this sure to contradict the helpdesk's own value for the customer. */
export const OVERRIDES_HELPDESK = 0.7;

/** The latest customer message, and if that is too short to tell, the customer's messages together. */
function guessFromMessages(ticket: Pick<Ticket, 'messages'>): LanguageGuess {
  const texts = ticket.messages
    .filter((m) => m.role === 'customer')
    .map((m) => ownWords(m.text))
    .reverse();
  let guess: LanguageGuess = { code: null, confidence: 0 };
  if (texts[0]) guess = detectLanguage(texts[0]);
  if (guess.confidence < CONFIDENT && texts.length > 1) {
    const together = detectLanguage(texts.join('\n').slice(0, MAX_SAMPLE));
    // A combined guess only replaces the latest message's when it is better, and never contradicts a
    // confident-ish latest guess (a customer who switched language is answered in the new one).
    if (together.confidence > guess.confidence && (guess.code === null || guess.code === together.code))
      guess = together;
  }
  return guess;
}

/**
 * The customer's language for a ticket. The helpdesk's own value (the adapter's `ticket.language`) wins, unless
 * the customer's own words clearly say otherwise: helpdesks often hold the account's default locale (Zendesk's
 * "en-US" for anyone who never chose), and a reply should be in the language the customer wrote in.
 */
export function customerLanguage(ticket: Pick<Ticket, 'language' | 'messages'>): CustomerLanguage {
  const guess = guessFromMessages(ticket);
  const known = guess.code && guess.confidence >= CONFIDENT ? guess.code : null;
  const tag = ticket.language?.trim();
  if (tag) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (!(known && guess.confidence >= OVERRIDES_HELPDESK && known !== base))
      return { code: tag, name: languageName(tag) ?? null, source: 'adapter', confidence: 1 };
  }
  if (!known) return { code: null, name: null, source: 'unknown', confidence: guess.confidence };
  return { code: known, name: LANGUAGE_NAMES[known], source: 'detected', confidence: guess.confidence };
}
