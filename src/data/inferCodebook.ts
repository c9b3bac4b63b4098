/**
 * A codebook guessed from a table, for `restudy init`: the "one line, Table 1" start that gtsummary and
 * tableone give R users, except that every guess is written down for the user to review instead of being
 * applied silently. The result is a plain {@link Codebook}-shaped object plus, per column, the sentences
 * that say what was guessed and why; {@link inferredCodebookYaml} writes both as commented YAML.
 *
 * Rules (each one is stated in the column's comments):
 * - missing: a cell that is empty or one of {@link MISSING_TOKENS} (`NA`, `N/A`, `.`, `NULL`, …) after
 *   trimming; the tokens seen in the file join the codebook's `missing` list beside R's `""` and `NA`;
 * - numeric: every present value is a number (`NUMBER` as the cohort reader parses it; a decimal comma only
 *   in a semicolon-separated file) → `integer` or `number`, with the observed range; a trailing `%` on every
 *   value → `percent`; a column of only 0 and 1 → `categorical` (a yes/no flag);
 * - categorical: at most `maxLevels` distinct values → levels in natural sort order, labels = codes;
 * - string: more distinct values than that (free text);
 * - id: a column whose name looks like an identifier (`id`, `patient`, `subject_id`, …), every value present
 *   and unique; at most one;
 * - group: the column named by the user, always categorical (the summary table's `by`; no codebook role, so
 *   a row without a group value is excluded from that table and counted, not refused).
 */
import { DataError, type DataIssue } from './errors.ts';

/** A table as read from a file: header and rows of raw cells. */
export interface RawTextTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The file is semicolon-separated, where `1,5` is a number. @default false */
  readonly decimalComma?: boolean;
}

export interface InferCodebookOptions {
  /** The file the table came from (messages and the codebook's comments). */
  readonly file: string;
  /** The `study` field of the codebook. */
  readonly study: string;
  /** The grouping column (`--group`): made categorical with role `group`. */
  readonly group?: string;
  /** Most distinct values of a categorical column; more → free text. @default 20 */
  readonly maxLevels?: number;
}

/** One column of an inferred codebook (the codebook format's fields that init writes). */
export interface InferredColumn {
  readonly name: string;
  readonly label: string;
  readonly type: 'string' | 'categorical' | 'integer' | 'number' | 'percent';
  readonly role?: 'id';
  readonly levels?: readonly { readonly code: string; readonly label: string }[];
  readonly range?: { readonly min: number; readonly max: number };
}

export interface InferredCodebook {
  readonly codebook: {
    readonly study: string;
    readonly title: string;
    readonly version: 1;
    readonly missing: readonly string[];
    readonly columns: readonly InferredColumn[];
  };
  /** Per column name: what was guessed, one sentence each. */
  readonly guesses: Readonly<Record<string, readonly string[]>>;
  /** The id column found, if any. */
  readonly idColumn: string | undefined;
  readonly rowCount: number;
}

/** Cell values read as missing (after trimming), besides the empty cell. */
export const MISSING_TOKENS: readonly string[] = Object.freeze([
  'NA',
  'N/A',
  'n/a',
  'na',
  '#N/A',
  'NaN',
  'nan',
  'NULL',
  'null',
  '.',
  '-',
  '?',
  'missing',
]);

/** Values that often stand for "missing" in numeric columns exported from SPSS, SAS or Stata. */
const SENTINELS = new Set([-9999, -999, -99, -9, 99, 999, 9999]);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const CODEBOOK_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const ID_NAME = /^(?:id|ids|.*_id|id_.*|.*[a-z]Id|patient|patients|subject|subjects|case|record|pid|mrn|study_?no)$/i;

/**
 * Infers a codebook from a table.
 * @throws DataError (exit 2 at the CLI) for a header that cannot be a codebook (an empty, repeated or
 *   invalid column name), a table without data rows, or a `group` that is absent or has too many values.
 */
export function inferCodebook(table: RawTextTable, options: InferCodebookOptions): InferredCodebook {
  const maxLevels = options.maxLevels ?? 20;
  assertUsableHeader(table, options);
  const seenMissing = new Set<string>();
  const guesses: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let idColumn: string | undefined;
  const columns = table.header.map((name, index): InferredColumn => {
    const values: string[] = [];
    let missing = 0;
    for (const row of table.rows) {
      const text = (row[index] ?? '').trim();
      if (text === '' || MISSING_TOKENS.includes(text)) {
        missing++;
        if (text !== '') seenMissing.add(text);
      } else {
        values.push(text);
      }
    }
    const notes: string[] = [`${values.length} values, ${missing} missing.`];
    guesses[name] = notes;
    if (name === options.group) {
      const column = groupColumn(name, values, maxLevels, options);
      notes.push(`The grouping column (--group): categorical, ${column.levels?.length ?? 0} levels in sorted order.`);
      return column;
    }
    if (idColumn === undefined && looksLikeId(name, values, missing)) {
      idColumn = name;
      notes.push('Guessed to be the row identifier: its name looks like one and every value is present and unique.');
      const integer = values.every((v) => /^[+-]?\d+$/.test(v));
      return { name, label: humanLabel(name), type: integer ? 'integer' : 'string', role: 'id' };
    }
    return guessColumn(name, values, maxLevels, Boolean(table.decimalComma), notes);
  });
  const tokens = MISSING_TOKENS.filter((t) => seenMissing.has(t));
  return {
    codebook: {
      study: options.study,
      title: `${options.study} (inferred by restudy init)`,
      version: 1,
      missing: ['', ...(tokens.includes('NA') ? [] : ['NA']), ...tokens],
      columns,
    },
    guesses,
    idColumn,
    rowCount: table.rows.length,
  };
}

function assertUsableHeader(table: RawTextTable, options: InferCodebookOptions): void {
  const issues: DataIssue[] = [];
  const problem = (column: string | null, expected: string, message: string): void => {
    issues.push({
      file: options.file,
      row: null,
      line: 1,
      column,
      value: column,
      expected,
      message,
      severity: 'error',
      code: 'codebook',
    });
  };
  const seen = new Set<string>();
  for (const name of table.header) {
    if (name === '') problem(null, 'a column name', 'a header cell is empty; every column needs a name');
    else if (!CODEBOOK_NAME.test(name)) {
      problem(
        name,
        'a letter, then letters, digits or _',
        `column name ${JSON.stringify(name)} cannot be a codebook name (a letter, then letters, digits or _); ` +
          'rename it in a copy of the file',
      );
    }
    if (seen.has(name))
      problem(name, 'unique column names', `column ${JSON.stringify(name)} appears twice in the header`);
    seen.add(name);
  }
  if (table.rows.length === 0) problem(null, 'at least one data row', 'the file has a header but no data rows');
  if (options.group !== undefined && !seen.has(options.group)) {
    problem(
      options.group,
      `one of ${table.header.join(', ')}`,
      `--group ${JSON.stringify(options.group)} is not a column of the file (have ${table.header.join(', ')})`,
    );
  }
  if (issues.length > 0) throw new DataError(options.file, issues);
}

function groupColumn(name: string, values: string[], maxLevels: number, options: InferCodebookOptions): InferredColumn {
  const codes = naturalSort([...new Set(values)]);
  if (codes.length < 2 || codes.length > maxLevels) {
    throw new DataError(options.file, [
      {
        file: options.file,
        row: null,
        line: null,
        column: name,
        value: String(codes.length),
        expected: `2 to ${maxLevels} distinct values`,
        severity: 'error',
        code: 'codebook',
        message:
          `--group ${name} has ${codes.length} distinct value${codes.length === 1 ? '' : 's'}; ` +
          `a grouping column needs 2 to ${maxLevels}`,
      },
    ]);
  }
  return { name, label: humanLabel(name), type: 'categorical', levels: codes.map((code) => ({ code, label: code })) };
}

function guessColumn(
  name: string,
  values: string[],
  maxLevels: number,
  decimalComma: boolean,
  notes: string[],
): InferredColumn {
  const label = humanLabel(name);
  if (values.length === 0) {
    notes.push('Every value is missing: typed as free text; give it its real type or drop it.');
    return { name, label, type: 'string' };
  }
  const percent = values.every((v) => v.endsWith('%') && isNumber(v.slice(0, -1).trimEnd(), decimalComma));
  const numbers = percent
    ? null
    : values.map((v) => (isNumber(v, decimalComma) ? Number(v.replace(',', '.')) : Number.NaN));
  const distinct = naturalSort([...new Set(values)]);
  if (numbers?.every(Number.isFinite)) {
    if (distinct.every((v) => v === '0' || v === '1')) {
      notes.push('Only 0 and 1: read as a categorical yes/no flag; write what 0 and 1 mean in the labels.');
      return { name, label, type: 'categorical', levels: distinct.map((code) => ({ code, label: code })) };
    }
    const integer = numbers.every(Number.isInteger);
    const min = Math.min(...numbers);
    const max = Math.max(...numbers);
    notes.push(
      `Numeric (${integer ? 'integer' : 'number'}); range set to the observed ${min} to ${max}: ` +
        'widen it to the plausible range.',
    );
    if (distinct.length <= 5)
      notes.push(`Only ${distinct.length} distinct values: if they are codes, make it categorical.`);
    for (const s of [min, max]) {
      if (SENTINELS.has(s))
        notes.push(
          `The value ${s} occurs ${numbers.filter((x) => x === s).length} times: ` +
            `if it means "missing", add "${s}" to missing.`,
        );
    }
    return { name, label, type: integer ? 'integer' : 'number', range: { min, max } };
  }
  if (percent) {
    notes.push('Every value ends in %: a percentage (0 to 100).');
    return { name, label, type: 'percent', range: { min: 0, max: 100 } };
  }
  if (distinct.length <= maxLevels) {
    notes.push(
      `Categorical, ${distinct.length} levels in sorted order: put them in their natural order and write labels.`,
    );
    return { name, label, type: 'categorical', levels: distinct.map((code) => ({ code, label: code })) };
  }
  notes.push(`Free text: ${distinct.length} distinct values (more than ${maxLevels} for a categorical column).`);
  return { name, label, type: 'string' };
}

function isNumber(text: string, decimalComma: boolean): boolean {
  return NUMBER.test(text) || (decimalComma && DECIMAL_COMMA.test(text));
}

function looksLikeId(name: string, values: string[], missing: number): boolean {
  return ID_NAME.test(name) && missing === 0 && values.length > 0 && new Set(values).size === values.length;
}

/** `alk_phos` → `Alk phos`: a starting point, the user writes the real label. */
function humanLabel(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Numbers numerically, then text in natural order (`2` before `10`, `stage2` before `stage10`). */
function naturalSort(values: string[]): string[] {
  return values.sort((a, b) => {
    const x = Number(a);
    const y = Number(b);
    if (NUMBER.test(a) && NUMBER.test(b) && x !== y) return x - y;
    return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
  });
}
