/** Words by which a paper says some of its tests are one-tailed (statcheck's OneTailedTxt list). */
const ONE_TAILED = /(?<![Nn]on[- ]?)\b(?:one[- ]tailed|one[- ]sided|directional)\b/gi;

/** Offsets of every one-tailed mention in a text. */
export function oneTailedMentionOffsets(text: string): number[] {
  const out: number[] = [];
  ONE_TAILED.lastIndex = 0;
  for (let m = ONE_TAILED.exec(text); m; m = ONE_TAILED.exec(text)) out.push(m.index);
  return out;
}
