/** The inconsistencies `restudy audit data/shen2025/published` finds (issue 12's 9), sorted. */
export const SHEN_JSON_INCONSISTENT = [
  'contingency-p:table2/fgt/p',
  'count-sum:table2/fgt/low',
  'odds-ratio:tableS2/low_vs_over:mass_shape:irregular/or',
  'pairwise-p:table2/lesion_class/p2',
  'pairwise-p:table2/lesion_type/p2',
  'pooled-mean-sd:table1/age/total_mean',
  'positive-class:table4/*/sensitivity',
  'range-claim:text/single_features/auc_range_min',
  'restatement:abstract/ki67_group/p2',
] as const;
