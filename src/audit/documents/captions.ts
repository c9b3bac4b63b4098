/**
 * Table captions as journals print them: "Table 2.", "TABLE 2", "Tab. 2:", "Table 2 Baseline …",
 * "Table S5", "Supplementary Table 3", "eTable 2", "Table A1", "Table II". Not "Table 2 shows …"
 * (prose citing a table starts with a lower-case word after the number).
 */
export const CAPTION = new RegExp(
  '^(?:Supplementa(?:l|ry)\\s+)?(?:e?Table|TABLE|Tab\\.)\\s+[A-Z]?(?:\\d{1,3}|[IVX]{1,6})' +
    '(?:\\s*[.:|]|\\s*$|(?=\\s+[\\p{Lu}\\d(]))',
  'u',
);
const PARTS = /^(Supplementa(?:l|ry)\s+)?(e?)(?:Table|TABLE|Tab\.)\s+(?:([IVX]{1,6})\b|([A-Z]?)(\d{1,3}))/;

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
function fromRoman(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i]];
    n += i + 1 < s.length && ROMAN[s[i + 1]] > v ? -v : v;
  }
  return n;
}

/**
 * The published-numbers key of a caption and its name as printed: "Table 2." → table2 ("Table 2"),
 * "Supplementary Table 3" and "Table S3" → tableS3, "eTable 2" → tableE2, "Table A1" → tableA1,
 * "TABLE II" → table2; null when the text does not start with a caption.
 */
export function captionKey(caption: string): { key: string; name: string } | null {
  if (!CAPTION.test(caption)) return null;
  const m = PARTS.exec(caption);
  if (!m) return null;
  const number = m[3] ? fromRoman(m[3]) : Number(m[5]);
  if (number < 1) return null; // (the pattern allows at most three digits or six Roman numerals)
  const letter = m[4] || (m[1] ? 'S' : m[2] ? 'E' : '');
  return { key: `table${letter}${number}`, name: m[0] };
}
