/** Column information of a codebook as the analysis kinds read it (categorical / numeric / text). */
import type { Codebook } from '../../src/data/codebook.ts';
import type { ColumnInfo } from '../../src/study/types.ts';

export function columnsOf(codebook: Codebook): Map<string, ColumnInfo> {
  return new Map(
    codebook.columns.map((c) => [c.name, {
      name: c.name,
      label: c.label,
      type: c.type === 'categorical' ? 'categorical' : c.type === 'string' ? 'text' : 'numeric',
      ...(c.levels ? { levels: c.levels } : {}),
      ...(c.unit ? { unit: c.unit } : {}),
    }]),
  );
}
