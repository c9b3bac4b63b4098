/**
 * Normalises text as printed for reading: NFKC (ligatures ﬁ → fi, full-width digits), soft hyphens
 * and zero-width characters removed, Unicode minus signs to "-", non-breaking and thin spaces to
 * spaces, runs of white space to one space. Dashes between numbers (en dash) are kept: they are
 * range separators, not minus signs.
 */
export function cleanText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2212\u2012\ufe63\uff0d]/g, '-')
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}
