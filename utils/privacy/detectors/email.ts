import { type Detector, scan } from '../types';

// Local part and domain as mail software writes them; the domain needs a dot and a 2+ letter TLD, so
// "@Priya" mentions and "user@localhost" stay.
const EMAIL_RE =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])/g;

const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;

export const emailDetector: Detector = {
  id: 'email',
  label: 'EMAIL',
  description: 'E-mail addresses.',
  // "icon@2x.png" is a retina image name, not an address.
  find: (text) => scan(text, EMAIL_RE, 'EMAIL', (m) => !FILE_TLD.test(m[0])),
};
