import { type Detector, scan } from '../types';

// Best effort, by design narrow (see README "Privacy"): it covers
// - English street lines: a house number, one to four capitalised words and a street-type word
//   ("221B Baker Street", "1600 Pennsylvania Ave NW", "12 Oak Rd, Apt 4"),
// - Nordic/German street lines: a street name ending in gatan/vägen/gränd/torget/stigen/allén/backen,
//   -straße/-strasse/-weg/-allee/-platz/-gade/-vej/-veien, then a house number ("Storgatan 12B", "Hauptstraße 5"),
// - postcodes that are unambiguous on their own: UK postcodes ("SW1A 1AA") and US "ST 12345(-6789)" after a
//   comma ("Springfield, IL 62704"), Swedish "123 45 Stad" after a street line's comma.
// It does not recognise free-form addresses without a street word, PO boxes, or city names alone.

const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Close|Crescent|Square|Sq|Parkway|Pkwy|Highway|Hwy|Gardens|Grove|Row|Mews';
const EN_STREET_RE = new RegExp(
  `(?<![\\w-])\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][a-z]+\\.?\\s+){1,4}(?:${STREET_TYPES})\\b\\.?(?:\\s+(?:NW|NE|SW|SE|N|S|E|W)\\b)?(?:,?\\s+(?:Apt|Apartment|Suite|Unit|Flat)\\.?\\s*#?\\w{1,5})?`,
  'g',
);
const NORDIC_STREET_RE =
  /(?<![\p{L}\d-])[\p{Lu}][\p{Ll}]+(?:gatan|vägen|gränd|torget|stigen|allén|backen|straße|strasse|weg|allee|platz|gade|vej|veien|gata|vei)\s+\d{1,4}\s?[A-Za-z]?(?:,?\s*(?:lgh|lägenhet)\s*\d{3,4})?(?![\p{L}\d])/gu;
const UK_POSTCODE_RE =
  /(?<![A-Za-z0-9])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/g;
const US_STATE =
  'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
const US_CITY_ZIP_RE = new RegExp(
  `(?:[A-Z][a-z]+\\s){0,2}[A-Z][a-z]+,\\s(?:${US_STATE})\\s\\d{5}(?:-\\d{4})?(?!\\d)`,
  'g',
);
const SE_ZIP_CITY_RE = /(?<=\d[A-Za-z]?,\s)\d{3}\s\d{2}\s[\p{Lu}][\p{Ll}]+/gu;

export const addressDetector: Detector = {
  id: 'address',
  label: 'ADDRESS',
  description:
    'Postal addresses, best effort: street lines with a house number (English street types, Nordic/German street names), UK postcodes, US "City, ST 12345", Swedish "123 45 City".',
  find: (text) => [
    ...scan(text, EN_STREET_RE, 'ADDRESS', () => true),
    ...scan(text, NORDIC_STREET_RE, 'ADDRESS', () => true),
    ...scan(text, UK_POSTCODE_RE, 'ADDRESS', (m) => /\d/.test(m[0]) && /[A-Z]/.test(m[0])),
    ...scan(text, US_CITY_ZIP_RE, 'ADDRESS', () => true),
    ...scan(text, SE_ZIP_CITY_RE, 'ADDRESS', () => true),
  ],
};
