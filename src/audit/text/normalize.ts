/**
 * Length-preserving normalisation of prose, so that offsets in the normalised text are offsets in
 * the printed one (locations and "the text as printed" need no map). Unicode minus and figure dash →
 * '-', the superscript two → '2', non-breaking and thin spaces → ' ', the Greek capital chi → 'χ',
 * the full-width equals and less/greater signs → ASCII, ¼ → = (a PDF font artefact). NFKC is not applied: it changes lengths.
 */
const CHAR_MAP: Readonly<Record<string, string>> = Object.freeze({
  '\u2212': '-',
  '\u2012': '-',
  '\uFE63': '-',
  '\uFF0D': '-',
  '\u00B2': '2',
  '\u2082': '2',
  '\u00A0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2004': ' ',
  '\u2005': ' ',
  '\u2006': ' ',
  '\u2007': ' ',
  '\u2008': ' ',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\t': ' ',
  '\u03A7': 'χ',
  '\uFF1D': '=',
  '\uFF1C': '<',
  '\uFF1E': '>',
  // some journal PDF fonts map '=' to '¼' in their text layer (statcheck reads it as '=' too)
  '\u00BC': '=',
});

const MAPPED = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');

export function normalizeProse(text: string): string {
  return text.replace(MAPPED, (c) => CHAR_MAP[c]);
}
