import { luhnValid } from '../checksums';
import { type Detector, scan } from '../types';

// 13–19 digits, optionally in groups split by one kind of separator (spaces or dashes), starting with a
// real card-network digit (2–6: Mastercard 2-series, Amex/Diners 3, Visa 4, Mastercard 5, Discover/UnionPay 6),
// and passing Luhn. Long order or tracking numbers fail at least one of those.
const CARD_RE = /(?<![\w-])[2-6]\d{1,5}(?:([ -]?)\d{2,6}){2,5}(?![\w-])/g;

export const cardDetector: Detector = {
  id: 'card',
  label: 'CARD',
  description: 'Payment card numbers (13–19 digits, spaces or dashes allowed, Luhn-checked).',
  find: (text) =>
    scan(text, CARD_RE, 'CARD', (m) => {
      const value = m[0];
      const separators = new Set(value.replace(/\d/g, ''));
      if (separators.size > 1) return false;
      const digits = value.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
    }),
};
