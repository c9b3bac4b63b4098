/** The AUC sensitivity row shared by the roc and logistic-model kinds. Browser-safe. */
import * as S from '../api.ts';
import { sensitivityRow } from '../cells.ts';
import { fixed } from '../format.ts';
import type { SensitivityRow } from '../types.ts';
import type { KindContext } from './_kind.ts';

/**
 * The size switch of a bootstrap AUC CI, for its method text: "; m + n = … > 5000: multinomial counts …" when
 * the replicates were drawn as counts per distinct score (large n), else "".
 */
export function bootstrapDrawNote(ci: {
  replicateDraw?: 'indices' | 'counts';
  conventions: Readonly<Record<string, unknown>>;
}): string {
  return ci.replicateDraw === 'counts' ? `; ${String(ci.conventions.replicateDraw)}` : '';
}

/** DeLong vs bootstrap CI, and (when X is given) Harrell's optimism-corrected AUC of a refitted logistic model. */
export function aucSensitivity(
  ctx: KindContext,
  table: string,
  row: string,
  label: string,
  curve: S.Roc,
  X: number[][] | null,
  y: number[],
): void {
  const delong = S.aucCi(curve, 'delong', ctx.nBoot, 1);
  const boot = S.aucCi(curve, 'bootstrap', ctx.nBoot, ctx.nextSeed(), ctx.conv.exactUpTo);
  const fmt = (a: number, ci: [number, number]): string => `${fixed(a, 3)} (${fixed(ci[0], 3)}–${fixed(ci[1], 3)})`;
  const variants: SensitivityRow['variants'] = [
    { name: 'DeLong CI', value: curve.auc, display: fmt(curve.auc, delong.confInt), decision: delong.confInt[0] > 0.5 },
    {
      name: `stratified bootstrap CI (${ctx.nBoot} replicates, seeded${bootstrapDrawNote(boot)})`,
      value: curve.auc,
      display: fmt(curve.auc, boot.confInt),
      decision: boot.confInt[0] > 0.5,
    },
  ];
  if (X) {
    // computed after every analysis, possibly on worker threads (the runner fills it in); seeded here, in order
    const variant: SensitivityRow['variants'][number] = {
      name: 'optimism-corrected AUC (pending)',
      value: null,
      display: 'NA',
      decision: null,
    };
    variants.push(variant);
    ctx.deferred.push({ job: { X, y, apparent: curve.auc, seed: ctx.nextSeed(), nBoot: ctx.nBoot }, variant });
  }
  // the pending variant is filled in place later; the row keeps the same variants array
  ctx.sensitivity.push(
    sensitivityRow({
      check: 'AUC: DeLong vs bootstrap CI; optimism-corrected AUC',
      table,
      row,
      label,
      quantity: 'AUC (95% CI)',
      decision: '95% CI lower limit > 0.5',
      variants,
    }),
  );
}
