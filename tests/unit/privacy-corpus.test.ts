import { describe, expect, it } from 'vitest';
import { Redactor } from '@/utils/privacy/engine';

// The PII corpus: realistic ticket sentences with every value that must be redacted (positives) and
// look-alikes that must stay (order numbers, dates, prices, tracking numbers, invoice ids, versions, product
// codes). Precision and recall are measured per detector and overall, printed, and held to thresholds.
//
// Thresholds (why): checksum-backed detectors (card, IBAN, personnummer) must be exact on this corpus (1.0/1.0);
// the shape-only ones (phone, SSN, NINO, IP, secret, email) ≥ 0.9 precision and recall, except phone recall
// ≥ 0.85 (national numbers without a phone word are missed on purpose, see phone.ts); the best-effort
// address detector ≥ 0.75 both ways (it is documented as narrow). Overall ≥ 0.95 precision and ≥ 0.9 recall:
// a miss sends personal data, a false hit only costs the model some context, but too many false hits would
// make the agent turn redaction off.

interface Case {
  text: string;
  /** [label, exact value] that must be redacted. Empty for pure negatives. */
  pii: [string, string][];
}

const CORPUS: Case[] = [
  // ---- e-mail
  { text: 'You can reach me at maria@example.com any time.', pii: [['EMAIL', 'maria@example.com']] },
  {
    text: 'Please send it to Erik.Lindqvist+billing@example.co.uk instead.',
    pii: [['EMAIL', 'Erik.Lindqvist+billing@example.co.uk']],
  },
  { text: '@Priya Nair can you OK a refund? It is on user@localhost.', pii: [] },
  { text: 'The logo file icon@2x.png is blurry on the invoice.', pii: [] },
  // ---- phone
  { text: 'My mobile is +46 70 123 45 67, call after 5.', pii: [['PHONE', '+46 70 123 45 67']] },
  { text: 'US office: +1 (415) 555-0132.', pii: [['PHONE', '+1 (415) 555-0132']] },
  { text: 'From abroad dial 0044 20 7946 0958.', pii: [['PHONE', '0044 20 7946 0958']] },
  { text: 'London desk +44 (0)20 7946 0958 is open 9-5.', pii: [['PHONE', '+44 (0)20 7946 0958']] },
  { text: 'Call me on 070-123 45 67 please.', pii: [['PHONE', '070-123 45 67']] },
  { text: 'Phone: (415) 555-0132', pii: [['PHONE', '(415) 555-0132']] },
  { text: 'Order 4155550132 has not arrived yet.', pii: [] },
  { text: 'The product code 070-1234-55 is wrong on the label.', pii: [] },
  { text: 'Invoice 2024-0031-17 was paid on 2024-03-15.', pii: [] },
  { text: 'It cost 1 299,00 kr, or $1,299.00 in the US store.', pii: [] },
  // ---- card
  { text: 'Charge it to 4111 1111 1111 1111 please.', pii: [['CARD', '4111 1111 1111 1111']] },
  { text: 'Card 5555-5555-5555-4444 exp 04/27.', pii: [['CARD', '5555-5555-5555-4444']] },
  { text: 'Amex 378282246310005 was declined.', pii: [['CARD', '378282246310005']] },
  {
    text: 'New card 2223 0031 2200 3222, old one 6011111111111117.',
    pii: [
      ['CARD', '2223 0031 2200 3222'],
      ['CARD', '6011111111111117'],
    ],
  },
  { text: 'I typed 4111 1111 1111 1112 but it was refused.', pii: [] },
  { text: 'Order number 1000234598761234 is missing.', pii: [] },
  { text: 'USPS tracking 9400 1000 0000 0000 0000 00 shows delivered.', pii: [] },
  { text: 'UPS tracking 1Z999AA10123456784 is stuck.', pii: [] },
  { text: 'The card ends in 4242. The charges were on 3 March at 09:14 and 09:15.', pii: [] },
  // ---- IBAN
  { text: 'Refund to GB82 WEST 1234 5698 7654 32 please.', pii: [['IBAN', 'GB82 WEST 1234 5698 7654 32']] },
  { text: 'Mitt konto: SE45 5000 0000 0583 9825 7466.', pii: [['IBAN', 'SE45 5000 0000 0583 9825 7466']] },
  { text: 'IBAN DE89370400440532013000 (Commerzbank).', pii: [['IBAN', 'DE89370400440532013000']] },
  {
    text: 'Use FR1420041010050500013M02606 or NL91ABNA0417164300.',
    pii: [
      ['IBAN', 'FR1420041010050500013M02606'],
      ['IBAN', 'NL91ABNA0417164300'],
    ],
  },
  { text: 'I think it is GB82 WEST 1234 5698 7654 33, not sure.', pii: [] },
  { text: 'Shipment reference DE12 3456 7890 was delayed.', pii: [] },
  // ---- SSN
  { text: 'My SSN is 123-45-6789.', pii: [['SSN', '123-45-6789']] },
  { text: 'ssn: 219099999 (for the tax form)', pii: [['SSN', '219099999']] },
  { text: 'Part no. 900-12-3456 and 666-12-3456 are both out of stock.', pii: [] },
  { text: 'Reference 000-12-3456 on the return slip.', pii: [] },
  // ---- personnummer / samordningsnummer
  { text: 'Personnummer 811218-9876, tack.', pii: [['PERSONNUMMER', '811218-9876']] },
  { text: 'Samordningsnummer: 701063-2391', pii: [['PERSONNUMMER', '701063-2391']] },
  { text: 'Mitt pnr är 191212121212.', pii: [['PERSONNUMMER', '191212121212']] },
  { text: 'Fel nummer 811218-9875 i formuläret.', pii: [] },
  { text: 'Faktura 20240315-0001 och order 20240230-1234.', pii: [] },
  // ---- UK NINO
  { text: 'NI number AB 12 34 56 C on my payslip.', pii: [['NINO', 'AB 12 34 56 C']] },
  { text: 'My national insurance is JG103759A.', pii: [['NINO', 'JG103759A']] },
  { text: 'Gift card GB123456A and voucher QQ123456C.', pii: [] },
  // ---- IP
  {
    text: 'Login attempts came from 203.0.113.7 and 192.168.1.20.',
    pii: [
      ['IP', '203.0.113.7'],
      ['IP', '192.168.1.20'],
    ],
  },
  { text: 'Server log shows 2001:db8::8a2e:370:7334 connecting.', pii: [['IP', '2001:db8::8a2e:370:7334']] },
  { text: 'Full form fe80:0:0:0:202:b3ff:fe1e:8329 too.', pii: [['IP', 'fe80:0:0:0:202:b3ff:fe1e:8329']] },
  { text: 'App version 10.4.1.256 and build 2.3.4 crash at 09:14:30.', pii: [] },
  { text: 'Router MAC 00:1A:2B:3C:4D:5E, firmware v1.2.3.4.5.', pii: [] },
  // ---- secrets
  {
    text: 'The reset link https://app.example.com/reset?token=abc123def456ghi failed.',
    pii: [['SECRET', 'abc123def456ghi']],
  },
  {
    text: 'Backup at https://admin:hunter2@db.example.com/dump is down.',
    pii: [['SECRET', 'admin:hunter2']],
  },
  {
    text: 'My key sk-proj-AbCdEf0123456789XyZaBcDeF stopped working.',
    pii: [['SECRET', 'sk-proj-AbCdEf0123456789XyZaBcDeF']],
  },
  {
    text: 'Token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 leaked?',
    pii: [['SECRET', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789']],
  },
  { text: 'AWS key AKIAIOSFODNN7EXAMPLE in the config.', pii: [['SECRET', 'AKIAIOSFODNN7EXAMPLE']] },
  {
    text: 'Slack xoxb-1234567890-abcdefghij posts nothing.',
    pii: [['SECRET', 'xoxb-1234567890-abcdefghij']],
  },
  {
    text: 'Header: Authorization: Bearer abcdef0123456789abcdef0123',
    pii: [['SECRET', 'abcdef0123456789abcdef0123']],
  },
  {
    text: 'JWT eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U expired',
    pii: [
      [
        'SECRET',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      ],
    ],
  },
  { text: 'See https://example.com/orders?page=2&sort=date for the list.', pii: [] },
  { text: 'The task-runner-config and sk-1 flags are fine.', pii: [] },
  // ---- addresses (best effort)
  {
    text: 'Ship to 221B Baker Street, London NW1 6XE.',
    pii: [
      ['ADDRESS', '221B Baker Street'],
      ['ADDRESS', 'NW1 6XE'],
    ],
  },
  { text: 'Our HQ is 1600 Pennsylvania Ave NW, Washington.', pii: [['ADDRESS', '1600 Pennsylvania Ave NW']] },
  {
    text: 'Leverans till Storgatan 12B, 114 55 Stockholm.',
    pii: [
      ['ADDRESS', 'Storgatan 12B'],
      ['ADDRESS', '114 55 Stockholm'],
    ],
  },
  { text: 'Mail it to Springfield, IL 62704 please.', pii: [['ADDRESS', 'Springfield, IL 62704']] },
  { text: 'Lieferung an Hauptstraße 5 in Berlin.', pii: [['ADDRESS', 'Hauptstraße 5']] },
  { text: 'Ships in 5 Business Days; we offer 24 Hour Support.', pii: [] },
  { text: 'Orders placed on 3 March 2024 at 14:05 ship in 2 days for €49.00.', pii: [] },
  // ---- known limits, kept in the corpus so the figures stay honest
  // A national number with no phone word before it: missed by design (order numbers share the shape).
  { text: '070-987 65 43 is where you can reach me.', pii: [['PHONE', '070-987 65 43']] },
  // "Drive" is a street type: a false address.
  { text: 'I uploaded 2 Google Drive files with the receipts.', pii: [] },
  // An address without a street word or postcode is not recognised.
  { text: 'Deliver to Flat 3, Rosebank House, Edinburgh.', pii: [['ADDRESS', 'Flat 3, Rosebank House']] },
  // ---- mixed
  {
    text: 'Hi, I am Maria (maria@example.com, +46 70 123 45 67). Card 4242 4242 4242 4242 was charged twice for INV-2031.',
    pii: [
      ['EMAIL', 'maria@example.com'],
      ['PHONE', '+46 70 123 45 67'],
      ['CARD', '4242 4242 4242 4242'],
    ],
  },
];

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function measure() {
  const tallies = new Map<string, Tally>();
  const tally = (label: string) => {
    const t = tallies.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    tallies.set(label, t);
    return t;
  };
  const mistakes: string[] = [];
  for (const c of CORPUS) {
    const found = new Redactor()
      .find(c.text)
      .map((f) => [f.label, c.text.slice(f.start, f.end)] as [string, string]);
    const expected = c.pii.map(([l, v]) => `${l}\u0000${v}`);
    const got = found.map(([l, v]) => `${l}\u0000${v}`);
    for (const [l] of c.pii) tally(l);
    for (const [i, key] of got.entries()) {
      const label = found[i]![0];
      if (expected.includes(key)) tally(label).tp++;
      else {
        tally(label).fp++;
        mistakes.push(`FP ${label} "${found[i]![1]}" in: ${c.text}`);
      }
    }
    for (const [i, key] of expected.entries()) {
      if (!got.includes(key)) {
        tally(c.pii[i]![0]).fn++;
        mistakes.push(`FN ${c.pii[i]![0]} "${c.pii[i]![1]}" in: ${c.text}`);
      }
    }
  }
  return { tallies, mistakes };
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

describe('PII corpus: measured precision and recall', () => {
  const { tallies, mistakes } = measure();
  const overall = [...tallies.values()].reduce(
    (s, t) => ({ tp: s.tp + t.tp, fp: s.fp + t.fp, fn: s.fn + t.fn }),
    {
      tp: 0,
      fp: 0,
      fn: 0,
    },
  );
  const rows = [...tallies.entries()].map(([label, t]) => ({
    detector: label,
    tp: t.tp,
    fp: t.fp,
    fn: t.fn,
    precision: ratio(t.tp, t.tp + t.fp).toFixed(3),
    recall: ratio(t.tp, t.tp + t.fn).toFixed(3),
  }));
  rows.push({
    detector: 'OVERALL',
    ...overall,
    precision: ratio(overall.tp, overall.tp + overall.fp).toFixed(3),
    recall: ratio(overall.tp, overall.tp + overall.fn).toFixed(3),
  });
  // Printed on purpose: the figures are the point of this test.
  console.log(`PII corpus: ${CORPUS.length} cases, ${overall.tp + overall.fn} values to redact`);
  console.table(rows);
  if (mistakes.length) console.log(mistakes.join('\n'));

  it('has at least 40 cases with positives and look-alike negatives', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.filter((c) => c.pii.length === 0).length).toBeGreaterThanOrEqual(15);
  });

  const THRESHOLDS: Record<string, [number, number]> = {
    CARD: [1, 1],
    IBAN: [1, 1],
    PERSONNUMMER: [1, 1],
    EMAIL: [0.9, 0.9],
    PHONE: [0.9, 0.85],
    SSN: [0.9, 0.9],
    NINO: [0.9, 0.9],
    IP: [0.9, 0.9],
    SECRET: [0.9, 0.9],
    ADDRESS: [0.75, 0.75],
  };
  for (const [label, [p, r]] of Object.entries(THRESHOLDS)) {
    it(`${label}: precision ≥ ${p}, recall ≥ ${r}`, () => {
      const t = tallies.get(label);
      expect(t, `no ${label} case in the corpus`).toBeDefined();
      expect(ratio(t!.tp, t!.tp + t!.fp)).toBeGreaterThanOrEqual(p);
      expect(ratio(t!.tp, t!.tp + t!.fn)).toBeGreaterThanOrEqual(r);
    });
  }

  it('overall: precision ≥ 0.95, recall ≥ 0.9', () => {
    expect(ratio(overall.tp, overall.tp + overall.fp)).toBeGreaterThanOrEqual(0.95);
    expect(ratio(overall.tp, overall.tp + overall.fn)).toBeGreaterThanOrEqual(0.9);
  });
});
