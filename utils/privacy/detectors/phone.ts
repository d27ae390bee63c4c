import { before, type Detector, scan } from '../types';

// International numbers are always found: "+" or "00", a country code, then 7–14 more digits in groups
// separated by spaces, dots, dashes or a "(0)" trunk mark. National numbers (a leading 0 or a North American
// "(415) 555-0132") are found only after a phone word ("phone", "tel", "mobile", "call me on", "ring",
// "telefon", "mobil"), because order numbers, dates and product codes share their shape.

const INTERNATIONAL_RE =
  /(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,5}\)?){2,6}(?![\w])/g;
const NATIONAL_RE =
  /(?<![\w+])(?:\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|0\d{1,4}(?:[ .-]?\d{2,4}){2,4})(?![\w])/g;
const PHONE_WORD =
  /(?:phone|tel\.?|telephone|mobile|cell|call (?:me )?(?:on|at)|ring|reach me (?:on|at)|telefon|mobil|ring mig på|nås på|whatsapp|sms|fax)[\s:#.-]*(?:no\.?|nr\.?|number|nummer)?[\s:#.-]*$/;

function digitCount(value: string): number {
  return value.replace(/\D/g, '').length;
}

export const phoneDetector: Detector = {
  id: 'phone',
  label: 'PHONE',
  description:
    'Phone numbers in international form (+46 70 123 45 67, 0044 20 7946 0958); national forms only after a word like "phone", "tel" or "mobile".',
  find(text) {
    const international = scan(text, INTERNATIONAL_RE, 'PHONE', (m) => {
      const n = digitCount(m[0]);
      if (n < 8 || n > 15) return false;
      // "(… +46 70 123 45 67)": the closing bracket belongs to the sentence, not the number.
      const unbalanced = m[0].split(')').length > m[0].split('(').length;
      return unbalanced ? { start: m.index, end: m.index + m[0].length - 1 } : true;
    });
    const national = scan(text, NATIONAL_RE, 'PHONE', (m) => {
      const n = digitCount(m[0]);
      return n >= 7 && n <= 12 && PHONE_WORD.test(before(text, m.index, 40));
    });
    return [...international, ...national];
  },
};
