import { luhnValid } from '../checksums';
import { before, type Detector, scan } from '../types';

// ---- US Social Security number: AAA-GG-SSSS with the SSA's never-issued ranges excluded; 9 bare digits
// only right after "SSN" / "social security".
const SSN_DASHED_RE = /(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])/g;
const SSN_BARE_RE = /(?<![\w-])(\d{3})[ ]?(\d{2})[ ]?(\d{4})(?![\w-])/g;

function ssnParts(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export const ssnDetector: Detector = {
  id: 'ssn',
  label: 'SSN',
  description: 'US Social Security numbers (AAA-GG-SSSS; unformatted only after "SSN").',
  find(text) {
    const dashed = scan(text, SSN_DASHED_RE, 'SSN', (m) => ssnParts(m[1]!, m[2]!, m[3]!));
    const bare = scan(
      text,
      SSN_BARE_RE,
      'SSN',
      (m) =>
        ssnParts(m[1]!, m[2]!, m[3]!) &&
        /(?:ssn|social security(?: number| no\.?)?)[\s:#.-]*$/.test(before(text, m.index)),
    );
    return [...dashed, ...bare];
  },
};

// ---- Swedish personnummer / samordningsnummer: (YY)YYMMDD, "-" or "+" (or nothing), NNNC. The date must
// exist (a samordningsnummer adds 60 to the day) and the last digit is the Luhn check over YYMMDDNNN.
const PNR_RE = /(?<![\w-])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)(?![\w-])/g;

function validDate(century: string | undefined, yy: string, mm: string, dd: string): boolean {
  const month = Number(mm);
  let day = Number(dd);
  if (day > 60) day -= 60; // samordningsnummer
  if (month < 1 || month > 12 || day < 1) return false;
  const year = century ? Number(century + yy) : 2000 + Number(yy);
  if (century && (Number(century) < 18 || Number(century) > 20)) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

export const personnummerDetector: Detector = {
  id: 'personnummer',
  label: 'PERSONNUMMER',
  description: 'Swedish personnummer and samordningsnummer (date and check digit verified).',
  find: (text) =>
    scan(text, PNR_RE, 'PERSONNUMMER', (m) => {
      const [, century, yy, mm, dd, , serial, check] = m;
      if (!validDate(century, yy!, mm!, dd!)) return false;
      return luhnValid(`${yy}${mm}${dd}${serial}${check}`);
    }),
};

// ---- UK National Insurance number: two prefix letters (D, F, I, Q, U, V never used; O not second;
// BG, GB, KN, NK, NT, TN, ZZ never issued), six digits, suffix A–D; spaces between pairs allowed.
const NINO_RE =
  /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/gi;
const NINO_BANNED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export const ninoDetector: Detector = {
  id: 'nino',
  label: 'NINO',
  description: 'UK National Insurance numbers (QQ 12 34 56 C).',
  find: (text) =>
    scan(text, NINO_RE, 'NINO', (m) => {
      // Case-insensitive scan so "qq123456c" is caught, but a mixed-case word is not a NINO.
      if (m[0] !== m[0].toUpperCase() && m[0] !== m[0].toLowerCase()) return false;
      return !NINO_BANNED.has(m[1]!.toUpperCase());
    }),
};
