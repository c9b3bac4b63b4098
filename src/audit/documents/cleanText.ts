const EQUALS_AS_QUARTER = '\u00BC';

/**
 * Normalises text as printed for reading: NFKC (ligatures ﬁ → fi, full-width digits), soft hyphens
 * and zero-width characters removed, Unicode minus signs to "-", non-breaking and thin spaces to
 * spaces, runs of white space to one space. Dashes between numbers (en dash) are kept: they are
 * range separators, not minus signs. '¼' is kept: NFKC would make it "1⁄4", but in a journal PDF's text
 * layer it is a font's '=' ("p ¼ 0.009"), which the prose readers take as '=' (`normalizeProse`).
 */
export function cleanText(text: string): string {
  return text
    .split(EQUALS_AS_QUARTER)
    .map((part) => part.normalize('NFKC'))
    .join(EQUALS_AS_QUARTER)
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2212\u2012\ufe63\uff0d]/g, '-')
    .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}
