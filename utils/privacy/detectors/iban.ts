import { ibanValid } from '../checksums';
import { type Detector, scan } from '../types';

// Country code, two check digits, then the account part, compact or printed in groups of four;
// accepted only when the ISO 13616 mod-97 checksum holds.
const IBAN_RE = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}(?![A-Za-z0-9])/g;

export const ibanDetector: Detector = {
  id: 'iban',
  label: 'IBAN',
  description: 'IBANs (compact or in groups of four), checked with the mod-97 checksum.',
  find: (text) => scan(text, IBAN_RE, 'IBAN', (m) => ibanValid(m[0].replace(/ /g, ''))),
};
