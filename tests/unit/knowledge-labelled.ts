import type { StoredSnippet } from '@/utils/knowledge/db-tables';
import { KnowledgeSnippet } from '@/utils/presets/pack';
import type { PresetSource } from '@/utils/presets/preset';
import { sourceKey } from '@/utils/presets/preset';
import type { Ticket } from '@/utils/ticket/ticket';

// A small labelled set for the ranking test: a support team's knowledge in five languages (what a real pack
// holds: policies, procedures, an outage notice, best replies), and tickets written as customers write them, each
// with the snippets an experienced agent would want proposed for it.

export const TODAY = '2026-11-20';
const SOURCE: PresetSource = { type: 'file', pack: 'Acme Support' };

export function stored(input: Parameters<typeof KnowledgeSnippet.parse>[0], source = SOURCE): StoredSnippet {
  const snippet = KnowledgeSnippet.parse(input);
  return {
    key: `${sourceKey(source)}/${snippet.id}`,
    sourceKey: sourceKey(source),
    source,
    snippet,
    updatedAt: 1,
  };
}

export const SNIPPETS: StoredSnippet[] = [
  // English
  {
    id: 'refund-policy-en',
    title: 'Refund policy',
    tags: ['refund', 'billing'],
    text: 'Customers can get a full refund within 30 days of purchase. Refunds go back to the original payment method and take 5–10 business days to appear. After 30 days we offer store credit instead of a refund.',
  },
  {
    id: 'refund-policy-2024-en',
    title: 'Refund policy (2024, replaced)',
    tags: ['refund'],
    validUntil: '2025-12-31',
    text: 'Refunds are given within 14 days of purchase only. Refund requests after 14 days are declined.',
  },
  {
    id: 'shipping-delay-en',
    title: 'Shipping delays',
    tags: ['shipping', 'delivery', 'delay'],
    text: 'Orders normally ship within 2 business days. When a parcel is delayed, check the tracking link in the shipping confirmation. If tracking has not moved for 7 days, we send a replacement or refund the order.',
  },
  {
    id: 'password-reset-en',
    title: 'Password reset',
    tags: ['account', 'login', 'password'],
    text: 'To reset a password, use "Forgot password" on the sign-in page. The reset link is valid for 1 hour. If the email does not arrive, check the spam folder; agents can send a new link from the admin console.',
  },
  {
    id: 'gdpr-deletion-en',
    title: 'Account deletion and GDPR requests',
    tags: ['gdpr', 'privacy', 'delete account'],
    text: 'Under the GDPR a customer can ask us to delete their personal data. Confirm the request from the email address on the account, then file it in the privacy tool. Deletion is completed within 30 days and the customer is told by email.',
  },
  {
    id: 'invoice-copy-en',
    title: 'Invoice copies',
    tags: ['invoice', 'billing', 'receipt'],
    text: 'Customers can download every invoice under Billing → Invoices. We can resend a copy of an invoice by email, or reissue it with a new company name or VAT number.',
  },
  {
    id: 'cancel-subscription-en',
    title: 'Cancel a subscription',
    tags: ['subscription', 'cancel', 'billing'],
    text: 'A subscription can be cancelled any time under Account → Plan. It stays active until the end of the paid period; we do not charge again after cancelling. Annual plans cancelled within 14 days are refunded pro rata.',
  },
  {
    id: 'outage-nov-2026-en',
    title: 'Outage notice: login and sync errors',
    tags: ['outage', 'incident', 'status'],
    validFrom: '2026-11-18',
    validUntil: '2026-11-25',
    text: 'Since 18 November some customers see errors when logging in or syncing. Our engineers are working on a fix; follow the status page for updates. No data has been lost.',
  },
  {
    id: 'two-factor-en',
    title: 'Two-factor authentication lost phone',
    tags: ['2fa', 'account', 'security'],
    text: 'If a customer lost the phone with their authenticator app, they can sign in with a backup code. Without backup codes, verify their identity with the last invoice number before disabling two-factor authentication.',
  },
  {
    id: 'damaged-item-en',
    title: 'Damaged or broken item',
    tags: ['damaged', 'returns'],
    text: 'If an item arrives damaged or broken, ask for a photo of the damage and the packaging. We then send a replacement at no cost, or a refund if the customer prefers. The customer does not need to return the broken item.',
  },
  {
    id: 'change-address-en',
    title: 'Change the delivery address',
    tags: ['address', 'shipping'],
    text: 'The delivery address can be changed until the order ships. After shipping, the customer can redirect the parcel with the carrier using the tracking number.',
  },
  // German
  {
    id: 'refund-policy-de',
    title: 'Rückerstattung',
    tags: ['Erstattung', 'Rechnung'],
    language: 'de',
    text: 'Kunden erhalten innerhalb von 30 Tagen nach dem Kauf eine vollständige Rückerstattung. Das Geld wird auf die ursprüngliche Zahlungsart zurückgebucht und ist nach 5–10 Werktagen sichtbar.',
  },
  {
    id: 'shipping-delay-de',
    title: 'Lieferverzögerung',
    tags: ['Versand', 'Lieferung'],
    text: 'Bestellungen werden normalerweise innerhalb von 2 Werktagen versendet. Wenn sich die Lieferung verzögert, prüfen Sie die Sendungsverfolgung. Bewegt sich das Paket 7 Tage nicht, schicken wir Ersatz.',
  },
  {
    id: 'password-reset-de',
    title: 'Passwort zurücksetzen',
    tags: ['Konto', 'Anmeldung', 'Passwort'],
    language: 'de',
    text: 'Über „Passwort vergessen“ auf der Anmeldeseite erhalten Kunden einen Link zum Zurücksetzen des Passworts. Der Link ist eine Stunde gültig. Kommt die E-Mail nicht an, bitte den Spam-Ordner prüfen.',
  },
  {
    id: 'invoice-copy-de',
    title: 'Rechnungskopie',
    tags: ['Rechnung', 'Beleg'],
    language: 'de',
    text: 'Alle Rechnungen stehen unter Abrechnung → Rechnungen zum Download bereit. Auf Wunsch senden wir eine Kopie der Rechnung per E-Mail oder stellen sie mit neuer Firmenanschrift aus.',
  },
  // Swedish
  {
    id: 'refund-policy-sv',
    title: 'Återbetalning',
    tags: ['återbetalning', 'betalning'],
    language: 'sv',
    text: 'Kunden får full återbetalning inom 30 dagar från köpet. Pengarna betalas tillbaka till det ursprungliga betalsättet inom 5–10 arbetsdagar.',
  },
  {
    id: 'password-reset-sv',
    title: 'Återställa lösenord',
    tags: ['konto', 'lösenord', 'inloggning'],
    language: 'sv',
    text: 'Kunden återställer sitt lösenord med ”Glömt lösenord” på inloggningssidan. Länken gäller i en timme. Kommer mejlet inte fram, be kunden titta i skräpposten.',
  },
  {
    id: 'cancel-subscription-sv',
    title: 'Säga upp prenumeration',
    tags: ['prenumeration', 'uppsägning'],
    text: 'En prenumeration kan sägas upp när som helst under Konto → Abonnemang. Den gäller till slutet av den betalda perioden och vi drar inga fler betalningar efter uppsägningen.',
  },
  // Spanish
  {
    id: 'refund-policy-es',
    title: 'Política de reembolsos',
    tags: ['reembolso', 'facturación'],
    language: 'es',
    text: 'Los clientes reciben un reembolso completo dentro de los 30 días posteriores a la compra. El reembolso se devuelve al método de pago original en un plazo de 5 a 10 días hábiles.',
  },
  {
    id: 'shipping-delay-es',
    title: 'Retrasos en el envío',
    tags: ['envío', 'entrega'],
    language: 'es',
    text: 'Los pedidos se envían normalmente en 2 días hábiles. Si un paquete se retrasa, revisa el enlace de seguimiento. Si el seguimiento no cambia en 7 días, enviamos un reemplazo.',
  },
  {
    id: 'gdpr-deletion-es',
    title: 'Eliminación de datos personales (RGPD)',
    tags: ['rgpd', 'privacidad', 'eliminar cuenta'],
    language: 'es',
    text: 'Según el RGPD, el cliente puede pedir que eliminemos sus datos personales. Confirma la solicitud desde el correo de la cuenta y regístrala en la herramienta de privacidad. La eliminación se completa en 30 días.',
  },
  // French
  {
    id: 'refund-policy-fr',
    title: 'Politique de remboursement',
    tags: ['remboursement', 'facturation'],
    language: 'fr',
    text: 'Les clients obtiennent un remboursement complet dans les 30 jours suivant l’achat. Le remboursement est versé sur le moyen de paiement d’origine sous 5 à 10 jours ouvrés.',
  },
  {
    id: 'invoice-copy-fr',
    title: 'Copie de facture',
    tags: ['facture', 'facturation'],
    language: 'fr',
    text: 'Toutes les factures sont disponibles dans Facturation → Factures. Nous pouvons renvoyer une copie de la facture par e-mail ou la rééditer avec une nouvelle raison sociale.',
  },
  {
    id: 'outage-nov-2026-fr',
    title: 'Panne : erreurs de connexion',
    tags: ['panne', 'incident'],
    language: 'fr',
    validFrom: '2026-11-18',
    validUntil: '2026-11-25',
    text: 'Depuis le 18 novembre, certains clients rencontrent des erreurs de connexion et de synchronisation. Nos équipes travaillent à une correction ; suivez la page de statut.',
  },
].map((s) => stored(s));

export interface LabelledTicket {
  name: string;
  subject: string;
  message: string;
  /** The ticket's language as a helpdesk reader reports it; absent: the index detects it. */
  language?: string;
  /** Snippet ids an agent would want proposed (any order). */
  relevant: string[];
}

export const TICKETS: LabelledTicket[] = [
  {
    name: 'en refund',
    subject: 'Refund for my order',
    message:
      'Hi, I bought the headphones two weeks ago and they are not what I expected. Can I get my money back? Thanks, Sam',
    language: 'en',
    relevant: ['refund-policy-en'],
  },
  {
    name: 'en parcel late',
    subject: 'Where is my package?',
    message:
      'My parcel was supposed to arrive last week and the tracking has not changed for 8 days. It is delayed and I need it for a birthday.',
    language: 'en',
    relevant: ['shipping-delay-en'],
  },
  {
    name: 'en password',
    subject: "Can't log in",
    message: 'I forgot my password and the reset email never arrived. I checked spam too. Please help.',
    language: 'en',
    relevant: ['password-reset-en', 'outage-nov-2026-en'],
  },
  {
    name: 'en gdpr',
    subject: 'Delete my account and data',
    message:
      'Under GDPR I want you to delete all personal data you hold about me and close my account. Please confirm when done.',
    language: 'en',
    relevant: ['gdpr-deletion-en'],
  },
  {
    name: 'en invoice',
    subject: 'Need a copy of my invoice',
    message:
      'Our accounting team needs a copy of the March invoice with our new company name on it. Could you resend it?',
    language: 'en',
    relevant: ['invoice-copy-en'],
  },
  {
    name: 'en cancel',
    subject: 'Cancel subscription',
    message:
      'I would like to cancel my subscription. Will I be charged again next month? I paid for the annual plan last week.',
    language: 'en',
    relevant: ['cancel-subscription-en'],
  },
  {
    name: 'en sync errors (outage)',
    subject: 'Sync errors since yesterday',
    message:
      'Since yesterday the app shows an error every time it tries to sync. Is something down on your side?',
    language: 'en',
    relevant: ['outage-nov-2026-en'],
  },
  {
    name: 'en lost phone 2fa',
    subject: 'Lost my phone, two-factor code',
    message:
      'My phone was stolen and I cannot get the authentication code anymore. I have no backup codes. How do I sign in?',
    language: 'en',
    relevant: ['two-factor-en'],
  },
  {
    name: 'en broken on arrival',
    subject: 'Lamp arrived broken',
    message: 'The lamp arrived with the glass broken, the box was damaged too. I want a replacement please.',
    language: 'en',
    relevant: ['damaged-item-en'],
  },
  {
    name: 'en wrong address',
    subject: 'Wrong delivery address',
    message: 'I entered my old address by mistake. Can you change the delivery address before it ships?',
    language: 'en',
    relevant: ['change-address-en'],
  },
  {
    name: 'en cancel and refund the annual plan',
    subject: 'Cancel annual plan',
    message:
      'I signed up for the annual plan by mistake 5 days ago. Please cancel it and refund the payment to my card.',
    language: 'en',
    relevant: ['cancel-subscription-en', 'refund-policy-en'],
  },
  {
    name: 'en broken, wants money back',
    subject: 'Mug broken in the box',
    message:
      'The mug I ordered came broken. I do not want a replacement, I would rather get a refund to my credit card.',
    language: 'en',
    relevant: ['damaged-item-en', 'refund-policy-en'],
  },
  {
    name: 'en invoice VAT (language detected)',
    subject: 'Invoice needs our VAT number',
    message:
      'Hello, we need last month’s invoice reissued with our VAT number and the new company name. Thank you.',
    relevant: ['invoice-copy-en'],
  },
  {
    name: 'en login errors during the outage',
    subject: 'Login error after password reset',
    message:
      'I reset my password twice and I still get an error when I log in. The sync also fails. What is going on?',
    language: 'en',
    relevant: ['outage-nov-2026-en', 'password-reset-en'],
  },
  {
    name: 'de refund',
    subject: 'Rückerstattungen für meine Bestellung',
    message:
      'Guten Tag, ich habe die Ware zurückgeschickt und warte noch auf die Erstattung. Wann bekomme ich mein Geld zurück?',
    language: 'de',
    relevant: ['refund-policy-de'],
  },
  {
    name: 'de password',
    subject: 'Passwort vergessen',
    message: 'Ich kann mich nicht anmelden, weil ich mein Passwort vergessen habe. Der Link kommt nicht an.',
    language: 'de',
    relevant: ['password-reset-de'],
  },
  {
    name: 'de invoice (language detected)',
    subject: 'Rechnung als Kopie',
    message:
      'Hallo, können Sie mir bitte eine Kopie der letzten Rechnung schicken? Die alte ist verloren gegangen.',
    relevant: ['invoice-copy-de'],
  },
  {
    name: 'de delivery late',
    subject: 'Lieferung verzögert',
    message: 'Meine Bestellung ist seit zehn Tagen unterwegs, die Sendungsverfolgung zeigt nichts Neues.',
    language: 'de',
    relevant: ['shipping-delay-de'],
  },
  {
    name: 'sv refund',
    subject: 'Återbetalningar',
    message:
      'Hej! Jag returnerade jackan för två veckor sedan men har inte fått någon återbetalning än. Mvh Eva',
    language: 'sv',
    relevant: ['refund-policy-sv'],
  },
  {
    name: 'sv password',
    subject: 'Glömt lösenordet',
    message: 'Jag har glömt mitt lösenord och kan inte logga in. Länken för att återställa kommer inte.',
    language: 'sv',
    relevant: ['password-reset-sv'],
  },
  {
    name: 'sv cancel (language detected)',
    subject: 'Uppsägning av prenumerationen',
    message: 'Hej, jag vill säga upp min prenumeration. Kommer ni att dra pengar nästa månad också?',
    relevant: ['cancel-subscription-sv'],
  },
  {
    name: 'es refund',
    subject: 'Reembolsos pendientes',
    message:
      'Hola, devolví el producto hace dos semanas y todavía no he recibido el reembolso. ¿Cuándo llegará?',
    language: 'es',
    relevant: ['refund-policy-es'],
  },
  {
    name: 'es shipping (no accents)',
    subject: 'Retraso del envio',
    message:
      'Mi pedido no ha llegado y el seguimiento no cambia desde hace una semana. El paquete se retrasa mucho.',
    language: 'es',
    relevant: ['shipping-delay-es'],
  },
  {
    name: 'es gdpr',
    subject: 'Eliminar mis datos personales',
    message: 'Quiero que eliminen mi cuenta y todos mis datos personales según el RGPD.',
    language: 'es',
    relevant: ['gdpr-deletion-es'],
  },
  {
    name: 'fr refund',
    subject: 'Remboursements',
    message:
      'Bonjour, j’ai renvoyé le colis il y a deux semaines et je n’ai toujours pas reçu mon remboursement. Merci.',
    language: 'fr',
    relevant: ['refund-policy-fr'],
  },
  {
    name: 'fr invoice',
    subject: 'Facture introuvable',
    message: 'Bonjour, pourriez-vous me renvoyer une copie de ma facture de septembre ? Cordialement',
    language: 'fr',
    relevant: ['invoice-copy-fr'],
  },
  {
    name: 'fr outage',
    subject: 'Erreur de connexion',
    message: 'Depuis hier je ne peux plus me connecter, j’ai une erreur à chaque fois. Est-ce une panne ?',
    language: 'fr',
    relevant: ['outage-nov-2026-fr'],
  },
];

export function ticketOf(t: LabelledTicket): Ticket {
  return {
    id: t.name,
    url: `https://acme.zendesk.com/agent/tickets/${encodeURIComponent(t.name)}`,
    helpdesk: 'zendesk',
    subject: t.subject,
    requester: { name: 'Customer' },
    messages: [{ author: { name: 'Customer' }, role: 'customer', text: t.message }],
    tags: [],
    ...(t.language ? { language: t.language } : {}),
    source: { adapter: 'zendesk', method: 'api' },
    warnings: [],
  };
}
