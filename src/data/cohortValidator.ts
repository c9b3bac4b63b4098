/**
 * Types and checks a cohort table row by row through a codebook, as the rows are read: only the typed rows
 * are kept, never the text cells (so a 1e6-row file fits in memory). Every problem is collected with its
 * row, line and column.
 */
import { type Codebook, type CodebookColumn, missingCodes } from './codebook.ts';
import type { DataIssueCode } from './errors.ts';
import type { CellIssue, IssueSink } from './issueSink.ts';
import type { Cohort, CohortRow, CohortValue, ReadCohortOptions } from './readCohort.ts';

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

function describeRange(column: CodebookColumn): string {
  const r = column.range;
  if (!r) return '';
  const lo = r.min === undefined ? '' : `${r.minExclusive ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxExclusive ? '<' : '≤'} ${r.max}`;
  return [lo, hi].filter(Boolean).join(' and ');
}

function expectedFor(column: CodebookColumn): string {
  switch (column.type) {
    case 'categorical':
      return `one of ${(column.levels ?? []).map((l) => l.code).join(', ')}`;
    case 'integer':
      return `an integer${column.range ? ` ${describeRange(column)}` : ''}`;
    case 'number':
      return `a number${column.range ? ` ${describeRange(column)}` : ''}`;
    case 'percent':
      return `a percentage${column.range ? ` ${describeRange(column)}` : ''}`;
    default:
      return 'text';
  }
}

/** Why a cell does not type (the good path returns the value itself: no object per cell). */
class CellFailure {
  constructor(
    readonly code: DataIssueCode,
    readonly message: string,
  ) {}
}

/** One codebook column prepared for fast typing of its cells. */
interface ColumnPlan {
  readonly column: CodebookColumn;
  readonly index: number;
  readonly missing: ReadonlySet<string>;
  /** Level code → the codebook's own string (cells then share it instead of each holding a copy). */
  readonly levels: ReadonlyMap<string, string> | null;
}

function parseCell(raw: string, plan: ColumnPlan, decimalComma: boolean): CohortValue | CellFailure {
  const column = plan.column;
  if (column.type === 'string') return raw;
  if (plan.levels !== null) {
    const code = plan.levels.get(raw);
    if (code !== undefined) return code;
    const lower = raw.toLowerCase();
    const hint = (column.levels ?? []).find((l) => l.code.toLowerCase() === lower || l.label.toLowerCase() === lower);
    return new CellFailure(
      'unknown_level',
      `unknown level ${JSON.stringify(raw)}; expected ${expectedFor(column)}` +
        (hint ? ` (did you mean "${hint.code}"?)` : ''),
    );
  }
  let text = raw;
  if (column.type === 'percent' && text.endsWith('%')) text = text.slice(0, -1).trimEnd();
  if (decimalComma && DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  if (!NUMBER.test(text)) {
    const commaHint = DECIMAL_COMMA.test(text) ? ' (a decimal comma? only semicolon-separated files may use one)' : '';
    const ohHint = /^[+-]?[\dOoIl.]+$/.test(text) && /[OoIl]/.test(text) ? ' (a letter O/I/l typed for a digit?)' : '';
    const kind = column.type === 'integer' ? 'an integer' : 'a number';
    return new CellFailure(
      'wrong_type',
      `${JSON.stringify(raw)} is not ${kind}${commaHint}${ohHint}; expected ${expectedFor(column)}`,
    );
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    return new CellFailure(
      'wrong_type',
      `${JSON.stringify(raw)} is not a finite number; expected ${expectedFor(column)}`,
    );
  }
  if (column.type === 'integer' && !Number.isInteger(value)) {
    return new CellFailure('wrong_type', `${JSON.stringify(raw)} is not an integer; expected ${expectedFor(column)}`);
  }
  const r = column.range;
  if (r) {
    const belowMin = r.min !== undefined && (r.minExclusive ? !(value > r.min) : !(value >= r.min));
    const aboveMax = r.max !== undefined && (r.maxExclusive ? !(value < r.max) : !(value <= r.max));
    if (belowMin || aboveMax) {
      const unit = column.unit ? ` (${column.unit})` : '';
      return new CellFailure('out_of_range', `${raw} is out of range; expected ${expectedFor(column)}${unit}`);
    }
  }
  return value === 0 ? 0 : value;
}

/** Feed it the header, then each data row in file order, then call {@link CohortValidator.finish}. */
export class CohortValidator {
  private plans: ColumnPlan[] = [];
  private headerLine = 1;
  private width = 0;
  /** Unnamed header columns → whether any row has a value there (error if so, else a warning). */
  private readonly unnamed = new Map<number, boolean>();
  /** Where the header's findings end in the sink, to put the unnamed-column findings among them. */
  private headerIssuesEnd = 0;
  private readonly rows: CohortRow[] = [];
  private readonly firstSeenId = new Map<string, { row: number; line: number }>();
  private readonly groupCounts = new Map<string, number>();
  private idColumn: CodebookColumn | undefined;
  private groupColumn: CodebookColumn | undefined;
  private rowNumber = 0;
  private hasHeader = false;
  /** Every present column set to null, in plan order: rows cloned from it share one shape (fast properties). */
  private template: CohortRow = {};
  /** Plans with a cross-column rule (most columns have none). */
  private ruled: ColumnPlan[] = [];
  /** Columns of the current row whose cell did not type (one set reused: no allocation per row). */
  private readonly invalid = new Set<string>();

  constructor(
    private readonly codebook: Codebook,
    private readonly sink: IssueSink,
    private readonly options: ReadCohortOptions,
    private readonly decimalComma: boolean,
  ) {}

  header(cells: readonly string[], line: number): void {
    const { codebook, sink } = this;
    this.hasHeader = true;
    this.headerLine = line;
    this.width = cells.length;
    const byName = new Map(codebook.columns.map((c) => [c.name, c] as const));
    const lowerNames = new Map(codebook.columns.map((c) => [c.name.toLowerCase(), c.name] as const));
    const positions = new Map<string, number>();
    const header = cells.map((h, index) => {
      const trimmed = h.trim();
      if (trimmed !== h) {
        sink.add(
          'warning',
          'whitespace',
          { line, column: trimmed, value: h },
          'no surrounding spaces',
          `header ${JSON.stringify(h)} has surrounding whitespace; read as ${JSON.stringify(trimmed)}`,
        );
      }
      if (trimmed === '') this.unnamed.set(index, false);
      return trimmed;
    });
    header.forEach((name, index) => {
      if (name === '') return;
      if (positions.has(name)) {
        const first = (positions.get(name) ?? 0) + 1;
        sink.add(
          'error',
          'duplicate_column',
          { line, column: name },
          'unique column names',
          `column "${name}" appears twice in the header (columns ${first} and ${index + 1})`,
        );
        return;
      }
      positions.set(name, index);
      if (!byName.has(name)) {
        const guess = lowerNames.get(name.toLowerCase());
        sink.add(
          'warning',
          'unknown_column',
          { line, column: name },
          'a column declared in the codebook',
          `column "${name}" is not in the codebook "${codebook.study}"; ignored` +
            (guess ? ` (did you mean "${guess}"?)` : ''),
        );
      }
    });
    for (const column of codebook.columns) {
      const index = positions.get(column.name);
      if (index !== undefined) {
        const levels =
          column.type === 'categorical' ? new Map((column.levels ?? []).map((l) => [l.code, l.code])) : null;
        this.plans.push({ column, index, missing: new Set(missingCodes(codebook, column)), levels });
      } else if (column.required) {
        sink.add(
          'error',
          'missing_column',
          { line, column: column.name },
          `a column "${column.name}" (${column.label})`,
          `required column "${column.name}" is missing from the header`,
        );
      }
    }
    this.plans.sort((a, b) => a.index - b.index);
    this.template = JSON.parse(
      JSON.stringify(Object.fromEntries(this.plans.map((p) => [p.column.name, null]))),
    ) as CohortRow;
    this.ruled = this.plans.filter((p) => p.column.derivedFrom !== undefined || p.column.presentWhen !== undefined);
    this.idColumn = codebook.columns.find((c) => c.role === 'id' && positions.has(c.name));
    this.groupColumn = codebook.columns.find((c) => c.role === 'group' && positions.has(c.name));
    this.headerIssuesEnd = sink.issues.length;
  }

  /**
   * Types one data row. `readerIssue(columnIndex)` gives a problem the file reader found in a cell
   * (an Excel error, a date) that takes precedence over typing it.
   */
  row(
    cells: readonly (string | null)[],
    line: number,
    readerIssue?: (columnIndex: number) => CellIssue | undefined,
  ): void {
    const { sink } = this;
    const rowNumber = ++this.rowNumber;
    if (this.unnamed.size > 0) {
      for (const [index, seen] of this.unnamed)
        if (!seen && (cells[index] ?? '').trim() !== '') this.unnamed.set(index, true);
    }
    const at = (column: string | null, value: string | null) => ({ row: rowNumber, line, column, value });
    if (cells.length !== this.width) {
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
      sink.add(
        'error',
        'ragged_row',
        at(null, null),
        `${this.width} fields (as in the header)`,
        `row has ${fields} but the header has ${this.width}; its cells were not read ` +
          '(a stray separator or a missing quote?)',
      );
      return;
    }
    const row: CohortRow = { ...this.template };
    const invalid = this.invalid;
    invalid.clear();
    for (const plan of this.plans) {
      const column = plan.column;
      const problem = readerIssue?.(plan.index);
      if (problem && !(problem.code === 'excel_date' && column.type === 'string')) {
        sink.add(problem.severity, problem.code, at(column.name, problem.value), problem.expected, problem.message);
        invalid.add(column.name);
        continue;
      }
      const raw = cells[plan.index] ?? null;
      let text = raw ?? '';
      const trimmed = text.trim();
      if (text !== trimmed && trimmed !== '') {
        sink.add(
          'warning',
          'whitespace',
          at(column.name, text),
          'no surrounding spaces',
          `value ${JSON.stringify(text)} has surrounding whitespace; read as ${JSON.stringify(trimmed)}`,
        );
      }
      text = trimmed;
      if (raw === null || text === '' || plan.missing.has(text)) {
        if (column.role === 'id' || column.role === 'group') {
          sink.add(
            'error',
            'missing_value',
            at(column.name, raw ?? ''),
            expectedFor(column),
            `${column.role === 'id' ? 'patient ID' : 'group'} is missing`,
          );
          invalid.add(column.name);
        }
        continue;
      }
      const parsed = parseCell(text, plan, this.decimalComma);
      if (!(parsed instanceof CellFailure)) {
        row[column.name] = parsed;
      } else {
        sink.add('error', parsed.code, at(column.name, text), expectedFor(column), parsed.message);
        invalid.add(column.name);
      }
    }
    this.checkId(row, rowNumber, line);
    if (this.ruled.length > 0) this.checkCrossColumn(row, invalid, rowNumber, line);
    if (this.groupColumn) {
      const group = row[this.groupColumn.name];
      if (typeof group === 'string') this.groupCounts.set(group, (this.groupCounts.get(group) ?? 0) + 1);
    }
    this.rows.push(row);
  }

  private checkId(row: CohortRow, rowNumber: number, line: number): void {
    if (!this.idColumn) return;
    const id = row[this.idColumn.name];
    if (typeof id !== 'string') return;
    const first = this.firstSeenId.get(id);
    if (first) {
      this.sink.add(
        'error',
        'duplicate_id',
        { row: rowNumber, line, column: this.idColumn.name, value: id },
        'a unique patient ID',
        `duplicate patient ID ${JSON.stringify(id)} (first seen in data row ${first.row}, line ${first.line})`,
      );
    } else {
      this.firstSeenId.set(id, { row: rowNumber, line });
    }
  }

  /** derivedFrom and presentWhen rules, only where every cell involved parsed. */
  private checkCrossColumn(row: CohortRow, invalid: ReadonlySet<string>, rowNumber: number, line: number): void {
    // a column is valid when present in the file and its cell parsed
    const valid = { has: (name: string): boolean => Object.hasOwn(this.template, name) && !invalid.has(name) };
    const at = (column: string, value: CohortValue) => ({
      row: rowNumber,
      line,
      column,
      value: value === null ? '' : String(value),
    });
    for (const { column } of this.ruled) {
      const value = row[column.name] ?? null;
      if (!valid.has(column.name)) continue;
      const rule = column.derivedFrom;
      if (rule && value !== null) {
        let expected: string | null | undefined;
        let because = '';
        if (rule.kind === 'map') {
          const source = row[rule.from];
          if (valid.has(rule.from) && source !== null && source !== undefined) {
            // own properties only: a level code such as "constructor" must not find Object.prototype's
            expected = Object.hasOwn(rule.map, String(source)) ? rule.map[String(source)] : undefined;
            because = `${rule.from} = ${source}`;
          }
        } else if (rule.kind === 'thresholds') {
          const x = row[rule.from];
          if (valid.has(rule.from) && typeof x === 'number') {
            let k = 0;
            while (k < rule.breaks.length && x >= (rule.breaks[k] as number)) k++;
            expected = column.levels?.[k]?.code;
            because = `${rule.from} = ${x} (breaks ${rule.breaks.join(', ')}; level i covers [break i−1, break i))`;
          }
        } else {
          const sources = rule.from.map((s) => (valid.has(s) ? row[s] : undefined));
          if (sources.some((s) => s === rule.level)) {
            expected = rule.then;
          } else if (sources.every((s) => s !== null && s !== undefined)) {
            expected = rule.otherwise;
          }
          because = rule.from.map((s, k) => `${s} = ${sources[k] ?? 'NA'}`).join(', ');
        }
        if (expected !== undefined && expected !== null && expected !== value) {
          this.sink.add(
            'error',
            'inconsistent_derived',
            at(column.name, value),
            `${expected} (because ${because})`,
            `${column.name} = ${value} contradicts ${because}; expected ${expected}`,
          );
        }
      }
      const when = column.presentWhen;
      if (when && value !== null && valid.has(when.column)) {
        const condition = row[when.column];
        if (condition !== null && condition !== undefined && !when.in.includes(String(condition))) {
          const onlyWhen = `applies only when ${when.column} is ${when.in.join(' or ')}`;
          this.sink.add(
            'error',
            'not_applicable',
            at(column.name, value),
            `missing (${column.name} ${onlyWhen})`,
            `${column.name} = ${value} is recorded although ${when.column} = ${condition}; it ${onlyWhen}`,
          );
        }
      }
    }
  }

  /**
   * The typed cohort. @throws DataError (via the caller) when any error was found.
   * @param sha256 the reader's hash of the file's bytes, passed through to the cohort
   */
  finish(sha256: string): Cohort {
    const { sink } = this;
    if (this.unnamed.size > 0) {
      const findings = sink.issues.splice(this.headerIssuesEnd);
      for (const [index, hasValues] of this.unnamed) {
        sink.add(
          hasValues ? 'error' : 'warning',
          'empty_header',
          { line: this.headerLine, column: `#${index + 1}` },
          'a column name',
          hasValues
            ? `column ${index + 1} has values but no name in the header`
            : `column ${index + 1} has no name and no values; ignored`,
        );
      }
      sink.issues.push(...findings);
    }
    if (this.groupColumn && !this.options.allowEmptyGroups) {
      for (const level of this.groupColumn.levels ?? []) {
        if ((this.groupCounts.get(level.code) ?? 0) === 0) {
          sink.add(
            'error',
            'empty_group',
            { column: this.groupColumn.name, value: level.code },
            'at least one row per group',
            `group ${this.groupColumn.name} = ${level.code} (${level.label}) has no rows`,
          );
        }
      }
    }
    if (this.hasHeader && this.rows.length === 0 && !sink.hasErrors) {
      sink.add('error', 'empty_file', {}, 'at least one data row', 'file has a header but no data rows');
    }
    const columns = this.plans.map((p) => p.column.name);
    return { file: sink.file, columns, rows: this.rows, warnings: sink.issues, sha256 };
  }
}
