import type { SensitivityRow, TableResult } from '../study/types.ts';
import { csvField } from './escape.ts';

const line = (fields: (string | number | boolean | null | undefined)[]): string => fields.map(csvField).join(',');

/** One CSV per table: one line per reproduced number, with its printed counterpart and status (LF line ends). */
export function tableCsv(t: TableResult): string {
  const out = [
    line([
      'table',
      'row',
      'label',
      'column',
      'reproduced',
      'display',
      'printed',
      'printed_value',
      'status',
      'method',
      'note',
    ]),
  ];
  for (const r of t.rows) {
    if (r.section) continue;
    for (const col of t.columns) {
      const cell = r.cells[col.key];
      if (!cell) continue;
      for (const p of cell.parts) {
        out.push(
          line([
            p.table,
            p.row,
            r.label,
            p.column,
            p.value,
            p.display,
            p.published?.printed ?? null,
            p.published?.value ?? null,
            p.status,
            p.method ?? null,
            p.note ?? null,
          ]),
        );
      }
    }
  }
  return out.join('\n') + '\n';
}

/** The method-sensitivity panel as CSV: one line per variant. */
export function sensitivityCsv(rows: readonly SensitivityRow[]): string {
  const out = [
    line([
      'check',
      'table',
      'row',
      'label',
      'quantity',
      'decision',
      'variant',
      'value',
      'display',
      'decision_holds',
      'flips',
    ]),
  ];
  for (const r of rows) {
    for (const v of r.variants)
      out.push(
        line([
          r.check,
          r.table,
          r.row,
          r.label,
          r.quantity,
          r.decision,
          v.name,
          v.value,
          v.display,
          v.decision,
          r.flips,
        ]),
      );
  }
  return out.join('\n') + '\n';
}
