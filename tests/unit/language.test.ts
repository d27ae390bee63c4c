import { describe, expect, it } from 'vitest';
import { CONFIDENT, customerLanguage, detectLanguage, type LanguageCode } from '@/utils/ticket/language';
import type { MessageRole, Ticket } from '@/utils/ticket/ticket';

// One short customer message per language, the length support messages usually have.
const SAMPLES: Record<LanguageCode, string> = {
  en: 'Hi, I was charged twice for my March invoice. Could you please refund one of them? Thanks',
  de: 'Hallo, ich wurde für meine Rechnung im März zweimal belastet. Können Sie bitte eine davon erstatten? Danke',
  fr: "Bonjour, j'ai été débité deux fois pour ma facture de mars. Pouvez-vous rembourser un des paiements ? Merci",
  es: 'Hola, me cobraron dos veces la factura de marzo. ¿Pueden devolverme uno de los cargos? Gracias',
  it: 'Ciao, mi è stata addebitata due volte la fattura di marzo. Potete rimborsare uno dei pagamenti? Grazie',
  pt: 'Olá, fui cobrado duas vezes pela fatura de março. Vocês podem reembolsar uma das cobranças? Obrigado',
  nl: 'Hallo, ik ben twee keer belast voor mijn factuur van maart. Kunnen jullie een van de betalingen terugstorten? Bedankt',
  sv: 'Hej! Jag bytte lösenord i går kväll och nu kommer jag inte in på mitt konto. Tack för hjälpen',
  pl: 'Dzień dobry, zostałem obciążony dwa razy za fakturę z marca. Czy możecie zwrócić jedną z płatności? Dziękuję',
  ja: '3月の請求書で二重に請求されました。どちらか一方を返金していただけますか？',
  zh: '我的三月账单被扣了两次款。请问可以退还其中一笔吗？',
  ko: '3월 청구서에 대해 두 번 청구되었습니다. 하나를 환불해 주실 수 있나요?',
  ru: 'Здравствуйте, с меня дважды списали оплату за мартовский счёт. Можете вернуть один платёж?',
  ar: 'مرحبا، تم خصم فاتورة شهر مارس مرتين. هل يمكنكم استرداد إحدى الدفعتين؟',
};

describe('detectLanguage', () => {
  it.each(Object.entries(SAMPLES))(
    '%s: a short customer message is recognised with confidence',
    (code, text) => {
      const guess = detectLanguage(text);
      expect(guess.code).toBe(code);
      expect(guess.confidence).toBeGreaterThanOrEqual(CONFIDENT);
    },
  );

  it('too short or no words: unsure', () => {
    expect(detectLanguage('Hi').confidence).toBeLessThan(CONFIDENT);
    expect(detectLanguage('Danke!').confidence).toBeLessThan(CONFIDENT);
    expect(detectLanguage('12345 !!! :-)')).toEqual({ code: null, confidence: 0 });
    expect(detectLanguage('')).toEqual({ code: null, confidence: 0 });
  });

  it('mixed languages in one message: unsure', () => {
    expect(detectLanguage('Hello, danke für die Hilfe, thanks').confidence).toBeLessThan(CONFIDENT);
    expect(detectLanguage('Hello 你好 Здравствуйте こんにちは').confidence).toBeLessThan(CONFIDENT);
  });

  it('Ukrainian letters are Cyrillic but not Russian: no guess rather than a wrong one', () => {
    expect(
      detectLanguage('Добрий день, мені двічі списали гроші. Чи можете ви повернути їх?').code,
    ).toBeNull();
  });

  it('links, e-mail addresses and redaction placeholders do not count as English words', () => {
    const guess = detectLanguage(
      'Hallo, bitte schicken Sie die Rechnung an [EMAIL_1] oder maria@example.com, siehe https://example.com/the/invoice/for/you',
    );
    expect(guess.code).toBe('de');
  });
});

const msg = (role: MessageRole, text: string) => ({ author: { name: role }, role, text });
const ticket = (
  messages: ReturnType<typeof msg>[],
  language?: string,
): Pick<Ticket, 'language' | 'messages'> => ({
  messages,
  ...(language ? { language } : {}),
});

describe('customerLanguage', () => {
  it('the helpdesk’s value wins when detection agrees or is unsure', () => {
    expect(customerLanguage(ticket([msg('customer', SAMPLES.fr)], 'fr-CA'))).toEqual({
      code: 'fr-CA',
      name: 'Canadian French',
      source: 'adapter',
      confidence: 1,
    });
    expect(customerLanguage(ticket([msg('customer', 'ok, thx')], 'sv'))).toMatchObject({
      code: 'sv',
      name: 'Swedish',
      source: 'adapter',
    });
    expect(customerLanguage(ticket([], 'pt-BR'))).toMatchObject({ code: 'pt-BR', source: 'adapter' });
  });

  it('…but not when the customer clearly writes another language (a default "en-US" locale, a German message)', () => {
    expect(customerLanguage(ticket([msg('customer', SAMPLES.de)], 'en-US'))).toMatchObject({
      code: 'de',
      name: 'German',
      source: 'detected',
    });
  });

  it('detects from the customer’s messages only, latest first (agents may write in another language)', () => {
    const t = ticket([
      msg('customer', SAMPLES.en),
      msg('agent', 'Hi Maria, thanks for reaching out! Could you send me the last four digits of the card?'),
      msg('customer', SAMPLES.de),
    ]);
    expect(customerLanguage(t)).toMatchObject({ code: 'de', name: 'German', source: 'detected' });
  });

  it('a short latest message is read together with the earlier ones', () => {
    const t = ticket([msg('customer', SAMPLES.fr), msg('agent', 'Any update?'), msg('customer', 'Merci !')]);
    expect(customerLanguage(t)).toMatchObject({ code: 'fr', source: 'detected' });
  });

  it('quoted earlier mail in the agent’s language is left out', () => {
    const t = ticket([
      msg(
        'customer',
        `${SAMPLES.es}\n\nOn Mon, 3 Mar 2026 at 09:14, Acme Support wrote:\n> Hi there, thank you for your message. We will get back to you as soon as we can with an answer.`,
      ),
    ]);
    expect(customerLanguage(t)).toMatchObject({ code: 'es' });
  });

  it('unsure (short, mixed, no customer message) → unknown, so the prompt names no language', () => {
    expect(customerLanguage(ticket([msg('customer', 'ok')]))).toMatchObject({
      code: null,
      source: 'unknown',
    });
    expect(customerLanguage(ticket([msg('agent', SAMPLES.de)]))).toMatchObject({
      code: null,
      source: 'unknown',
    });
    expect(customerLanguage(ticket([]))).toMatchObject({ code: null, name: null, source: 'unknown' });
  });
});
