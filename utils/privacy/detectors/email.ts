import type { Detector, Finding } from '../types';

// Local part and domain as mail software writes them; the domain needs a dot and a 2+ letter TLD, so
// "@Priya" mentions and "user@localhost" stay. The scan starts from each "@" and looks a bounded distance
// either way, so long runs like "a.a.a.a…" cost linear time, not a regex backtracking over the whole text.
const LOCAL_RE = /[A-Za-z0-9][A-Za-z0-9._%+-]*$/;
const DOMAIN_RE =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])/;
const LOCAL_CHAR = /[\w.%+-]/;
/** "icon@2x.png" is a retina image name, not an address. */
const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|avif|bmp|ico)$/i;

function findEmails(text: string): Finding[] {
  const out: Finding[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const windowStart = Math.max(0, at - 64);
    const local = LOCAL_RE.exec(text.slice(windowStart, at));
    if (!local) continue;
    const start = windowStart + local.index;
    if (start > 0 && LOCAL_CHAR.test(text[start - 1]!)) continue; // longer than 64, or starts with a dot
    const domain = DOMAIN_RE.exec(text.slice(at + 1, at + 1 + 255));
    if (!domain || FILE_TLD.test(domain[0])) continue;
    out.push({ start, end: at + 1 + domain[0].length, label: 'EMAIL' });
  }
  return out;
}

export const emailDetector: Detector = {
  id: 'email',
  label: 'EMAIL',
  description: 'E-mail addresses.',
  find: findEmails,
};
