/**
 * b-values as scanners write them: `0 5 0 799 801 800 1398 1402 …` grouped into shells within a stated
 * tolerance, b0 volumes recognised by a threshold, units detected (s/mm² or ms/µm²).
 *
 * Rules (recorded in the sidecar and printed as the shell table):
 * 1. Units: with `units: 'auto'` a series whose largest b-value is below {@link MS_UM2_MAX} is read as ms/µm²
 *    (b = 1–3 ms/µm² is 1000–3000 s/mm²; a diffusion weighting of ≤ 10 s/mm² is no diffusion contrast) and
 *    converted ×1000, with a note. `'s/mm2'` and `'ms/um2'` force the unit.
 * 2. Shells: the b-values (in s/mm²) sorted; neighbours at most `tolerance` apart belong to one shell. A shell
 *    wider than 2 × tolerance (max − min) is refused: the values then do not form shells at that tolerance.
 * 3. b0: every shell whose mean b is ≤ `b0Threshold` is a b0 volume, used as b = 0 (the convention of DIPY,
 *    FSL and MRtrix for b0 images). The other shells are used at their mean b (DIPY uses b rounded to 100).
 *
 * Reference: DIPY `unique_bvals_magnitude` / `mean_signal_bvalue` (rounds instead of grouping within a tolerance).
 */
import { InputError } from '../stats/_shared/errors.ts';

/**
 * Default shell tolerance (s/mm²): neighbouring b-values at most this far apart form one shell. Scanners write
 * b-values a few s/mm² off the nominal shell; 20 keeps b = 0, 5 apart from b = 50 (DIPY would fold b = 50 into b0).
 */
export const DEFAULT_SHELL_TOLERANCE = 20;
/** Two shells closer than this share of their b-value are reported as possibly one shell split by the tolerance. */
export const CLOSE_SHELLS_SHARE = 0.1;
/** Default b0 threshold (s/mm²): shells with mean b ≤ this are b0 volumes (DIPY's gradient_table default). */
export const DEFAULT_B0_THRESHOLD = 50;
/** With `units: 'auto'`, a series whose largest b-value is below this is taken to be in ms/µm². */
export const MS_UM2_MAX = 10;

export type BUnits = 'auto' | 's/mm2' | 'ms/um2';

export interface ShellOptions {
  /** s/mm², @default {@link DEFAULT_SHELL_TOLERANCE} */
  tolerance?: number;
  /** s/mm², @default {@link DEFAULT_B0_THRESHOLD} */
  b0Threshold?: number;
  /** @default 'auto' */
  units?: BUnits;
}

/** One shell of the series. */
export interface Shell {
  /** true for the b0 shell (always first when present) */
  readonly b0: boolean;
  /** the b-value the fits use (s/mm²): 0 for the b0 shell, else the mean of the members */
  readonly bUsed: number;
  /** smallest and largest b-value written for its volumes (s/mm², after unit conversion) */
  readonly min: number;
  readonly max: number;
  /** 0-based indices of its volumes, ascending */
  readonly volumes: readonly number[];
}

/** The shells of a series and how they were found. */
export interface ShellTable {
  /** ascending by bUsed; the b0 shell first */
  readonly shells: readonly Shell[];
  /** for each volume, the index of its shell */
  readonly shellOfVolume: readonly number[];
  /** the b-values in s/mm² after unit conversion, one per volume */
  readonly bvals: readonly number[];
  readonly tolerance: number;
  readonly b0Threshold: number;
  /** how the unit was decided */
  readonly units: { readonly written: 's/mm2' | 'ms/um2'; readonly detected: boolean; readonly factor: number };
  /** notes for the user (unit conversion, b0 volumes written with b > 0) */
  readonly notes: readonly string[];
}

/** The part of a shell grouping a fit needs (plain arrays, so it can be posted to a worker). */
export interface ShellSpec {
  /** b-value of each used shell, ascending (s/mm²) */
  readonly b: readonly number[];
  /** for each volume, the index into `b` of its shell, or −1 when the volume is not used */
  readonly shellOf: readonly number[];
}

function positiveOption(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v >= 0)) throw new InputError(name, 'a finite number ≥ 0 (s/mm²)', v);
  return v;
}

/**
 * Groups b-values into shells (see the module comment for the rules).
 * @param bvals one b-value per volume, as written (finite, ≥ 0)
 * @param file name for messages
 * @throws InputError for a negative or non-finite b-value, a shell wider than 2 × tolerance, no b0 shell
 */
export function groupShells(bvals: readonly number[], options: ShellOptions = {}, file = 'bvals'): ShellTable {
  const tolerance = positiveOption(options.tolerance, DEFAULT_SHELL_TOLERANCE, '--shell-tolerance');
  const b0Threshold = positiveOption(options.b0Threshold, DEFAULT_B0_THRESHOLD, '--b0-threshold');
  const unitsOption = options.units ?? 'auto';
  if (bvals.length === 0) throw new InputError(file, 'a list of b-values', 'an empty list');
  bvals.forEach((b, i) => {
    if (!(Number.isFinite(b) && b >= 0)) throw new InputError(`${file}[${i}]`, 'b = 0 or a positive b-value', b);
  });
  const maxWritten = Math.max(...bvals);
  const looksMsUm2 = maxWritten > 0 && maxWritten < MS_UM2_MAX;
  const written = unitsOption === 'auto' ? (looksMsUm2 ? 'ms/um2' : 's/mm2') : unitsOption;
  const factor = written === 'ms/um2' ? 1000 : 1;
  const notes: string[] = [];
  if (unitsOption === 'auto' && looksMsUm2) {
    notes.push(
      `${file}: the largest b-value is ${maxWritten}, so the values are read as ms/µm² and multiplied by 1000 ` +
        `(give --b-units s/mm2 to use them as written)`,
    );
  }
  const si = bvals.map((b) => b * factor);
  const order = si.map((_, i) => i).sort((i, j) => si[i] - si[j] || i - j);
  const groups: number[][] = [];
  for (const v of order) {
    const last = groups.at(-1);
    if (last && si[v] - si[last[last.length - 1]] <= tolerance) last.push(v);
    else groups.push([v]);
  }
  const b0Volumes: number[] = [];
  const others: { volumes: number[]; min: number; max: number; mean: number }[] = [];
  for (const g of groups) {
    const values = g.map((v) => si[v]);
    const min = values[0];
    const max = values[values.length - 1];
    if (max - min > 2 * tolerance) {
      throw new InputError(
        file,
        `b-values that form shells within ±${tolerance} s/mm² (--shell-tolerance)`,
        `a run of b-values from ${min} to ${max} s/mm² with no gap above ${tolerance}; ` +
          'give a smaller --shell-tolerance',
      );
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (mean <= b0Threshold) b0Volumes.push(...g);
    else others.push({ volumes: g.sort((a, b) => a - b), min, max, mean });
  }
  if (b0Volumes.length === 0) {
    throw new InputError(
      file,
      `at least one b0 volume (b ≤ ${b0Threshold} s/mm², --b0-threshold)`,
      `a smallest b-value of ${Math.min(...si)} s/mm²`,
    );
  }
  for (let j = 1; j < others.length; j++) {
    const [lo, hi] = [others[j - 1], others[j]];
    if (hi.mean - lo.mean < CLOSE_SHELLS_SHARE * hi.mean) {
      notes.push(
        `${file}: shells at ${formatB(lo.mean)} and ${formatB(hi.mean)} s/mm² are less than ` +
          `${100 * CLOSE_SHELLS_SHARE} % apart; if they are one shell, raise --shell-tolerance above ` +
          `${formatB(hi.min - lo.max)}`,
      );
    }
  }
  b0Volumes.sort((a, b) => a - b);
  const b0Values = b0Volumes.map((v) => si[v]);
  const b0Max = Math.max(...b0Values);
  if (b0Max > 0)
    notes.push(
      `${file}: ${b0Volumes.length} b0 volume(s) written with b from ${Math.min(...b0Values)} to ${b0Max} s/mm² ` +
        `are used as b = 0 (--b0-threshold ${b0Threshold})`,
    );
  const shells: Shell[] = [
    Object.freeze({ b0: true, bUsed: 0, min: Math.min(...b0Values), max: b0Max, volumes: Object.freeze(b0Volumes) }),
    ...others.map((o) =>
      Object.freeze({ b0: false, bUsed: o.mean, min: o.min, max: o.max, volumes: Object.freeze(o.volumes) }),
    ),
  ];
  const shellOfVolume = new Array<number>(bvals.length).fill(-1);
  shells.forEach((s, j) => {
    for (const v of s.volumes) shellOfVolume[v] = j;
  });
  return Object.freeze({
    shells: Object.freeze(shells),
    shellOfVolume: Object.freeze(shellOfVolume),
    bvals: Object.freeze(si),
    tolerance,
    b0Threshold,
    units: Object.freeze({ written, detected: unitsOption === 'auto', factor }),
    notes: Object.freeze(notes),
  });
}

function describeShells(table: ShellTable): string {
  return table.shells.map((s) => (s.b0 ? 'b0' : formatB(s.bUsed))).join(', ');
}

/** A b-value for messages and tables: integers as written, others to 1 decimal. */
export function formatB(b: number): string {
  return Number.isInteger(b) ? String(b) : b.toFixed(1);
}

/**
 * The shells a fit uses: `wanted` lists nominal b-values (a value ≤ the b0 threshold means the b0 shell; any other
 * value matches the shell whose mean is within the tolerance), or undefined for every shell.
 * @param what the option that asked, for messages (e.g. "--adc-b (default 0,800)")
 * @throws InputError when a wanted value matches no shell or two, or fewer than `minShells` shells result
 */
export function selectShells(
  table: ShellTable,
  wanted: readonly number[] | undefined,
  minShells: number,
  what: string,
): ShellSpec {
  let chosen: number[];
  if (wanted === undefined) chosen = table.shells.map((_, j) => j);
  else {
    const set = new Set<number>();
    for (const b of wanted) {
      const hits = table.shells
        .map((s, j) => ({ s, j }))
        .filter(({ s }) => (b <= table.b0Threshold ? s.b0 : !s.b0 && Math.abs(s.bUsed - b) <= table.tolerance));
      if (hits.length !== 1) {
        throw new InputError(
          what,
          `b-values that match one shell of the series within ±${table.tolerance} s/mm² ` +
            `(shells: ${describeShells(table)})`,
          hits.length === 0 ? b : `${b}, which matches ${hits.length} shells`,
        );
      }
      set.add(hits[0].j);
    }
    chosen = [...set].sort((a, b) => a - b);
  }
  if (chosen.length < minShells) {
    throw new InputError(
      what,
      `at least ${minShells} shells for this fit (shells: ${describeShells(table)})`,
      chosen.map((j) => table.shells[j].bUsed),
    );
  }
  const index = new Map(chosen.map((j, k) => [j, k]));
  return Object.freeze({
    b: Object.freeze(chosen.map((j) => table.shells[j].bUsed)),
    shellOf: Object.freeze(table.shellOfVolume.map((j) => index.get(j) ?? -1)),
  });
}

/** The shell table as printed: one line per shell with the b used, the volumes and the b-values written. */
export function formatShellTable(table: ShellTable): string {
  const rows = table.shells.map((s) => [
    s.b0 ? 'b0' : formatB(s.bUsed),
    String(s.volumes.length),
    s.min === s.max ? formatB(s.min) : `${formatB(s.min)}–${formatB(s.max)}`,
    s.b0 ? '0' : String(s.bUsed),
  ]);
  const head = ['shell', 'volumes', 'b written (s/mm²)', 'b used'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** The shell table as recorded in the sidecar JSON. */
export function shellRecord(table: ShellTable) {
  return {
    tolerance: table.tolerance,
    b0Threshold: table.b0Threshold,
    units:
      table.units.written === 'ms/um2'
        ? `ms/um^2, converted x1000${table.units.detected ? ' (detected)' : ''}`
        : 's/mm^2',
    shells: table.shells.map((s) => ({ b: s.bUsed, b0: s.b0, volumes: s.volumes.length, min: s.min, max: s.max })),
  };
}
