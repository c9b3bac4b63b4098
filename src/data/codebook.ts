/**
 * The codebook: a declaration of every column of a patient-level cohort table (one row per patient).
 * Written in YAML (or JSON), validated with zod; {@link codebookJsonSchema} exports the same format as a
 * JSON Schema for editors and other languages.
 *
 * Column types:
 * - `string`: free text (the patient ID);
 * - `categorical`: ordered `levels`, each a code (what the file contains) and a label (what a table prints);
 * - `integer`, `number`, `percent` (a number on 0–100, a trailing `%` is accepted), each with an optional
 *   `range` and `unit`.
 *
 * Roles: `id` (at most one, unique and never missing), `group` (at most one categorical column, never
 * missing), `variable` (an analysed value; for two-reader studies the consensus), `reader1`/`reader2` (one
 * reader's rating or measurement `of` a variable, for kappa and ICC).
 *
 * Cross-column rules a cohort must satisfy:
 * - `derivedFrom` — the column is a function of others: `map` (categorical → categorical),
 *   `thresholds` (numeric → ordered categorical; level i covers [breaks[i−1], breaks[i]) — left-closed,
 *   so `breaks: [40]` gives low < 40 ≤ high), `any` (a level when any listed column has `level`);
 * - `presentWhen` — the value is recorded only when another column has one of the listed levels and must
 *   be missing otherwise (e.g. mass shape only for mass lesions).
 */

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputLimitError } from '../io/errors.ts';
import { readFileLimited } from '../io/limitedRead.ts';
import { inputLimits } from './csvRecords.ts';
import { DataError, type DataIssue } from './errors.ts';

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a column name: a letter, then letters, digits or underscores');

const levelSchema = z
  .object({
    code: z.string().min(1).describe('the value as written in the data file'),
    label: z.string().min(1).describe('the label printed in tables'),
  })
  .strict();

const rangeSchema = z
  .object({
    min: z.number().optional(),
    max: z.number().optional(),
    minExclusive: z.boolean().default(false).describe('true: value must be > min (else ≥ min)'),
    maxExclusive: z.boolean().default(false).describe('true: value must be < max (else ≤ max)'),
  })
  .strict();

const derivedSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('map'),
      from: identifier,
      map: z.record(z.string(), z.string()).describe('source level code → this column’s level code'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('thresholds'),
      from: identifier,
      breaks: z.array(z.number()).min(1).describe('ascending cut points; level i is [breaks[i-1], breaks[i])'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('any'),
      from: z.array(identifier).min(1),
      level: z.string().describe('level of each source column that makes this column `then`'),
      // biome-ignore lint/suspicious/noThenProperty: `then` is the codebook's YAML key; plain data, never awaited
      then: z.string(),
      otherwise: z.string(),
    })
    .strict(),
]);

const presentWhenSchema = z
  .object({
    column: identifier,
    in: z.array(z.string()).min(1).describe('levels of `column` for which this column is recorded'),
  })
  .strict();

const columnSchema = z
  .object({
    name: identifier,
    label: z.string().min(1),
    type: z.enum(['string', 'categorical', 'integer', 'number', 'percent']),
    levels: z.array(levelSchema).min(1).optional().describe('categorical only, in their natural order'),
    unit: z.string().optional(),
    range: rangeSchema.optional().describe('numeric types only'),
    missing: z.array(z.string()).optional().describe('missing-value codes; default: the codebook’s `missing`'),
    required: z.boolean().default(true).describe('the column must be present in the file'),
    role: z.enum(['id', 'group', 'variable', 'reader1', 'reader2']).default('variable'),
    of: identifier.optional().describe('reader1/reader2 only: the consensus column rated'),
    derivedFrom: derivedSchema.optional(),
    presentWhen: presentWhenSchema.optional(),
    description: z.string().optional(),
  })
  .strict();

/** The zod schema of a codebook file. */
export const codebookSchema = z
  .object({
    study: z.string().min(1),
    title: z.string().optional(),
    version: z.number().int().positive(),
    reference: z.string().optional(),
    missing: z.array(z.string()).default(['', 'NA']).describe('default missing-value codes'),
    columns: z.array(columnSchema).min(1),
  })
  .strict();

export type Codebook = z.infer<typeof codebookSchema>;
export type CodebookColumn = Codebook['columns'][number];
export type CodebookLevel = z.infer<typeof levelSchema>;

/** The codebook format as a JSON Schema (draft 2020-12), generated from the zod schema. */
export function codebookJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(codebookSchema, { io: 'input' }) as Record<string, unknown>;
}

/**
 * Validates a parsed codebook object: the zod shape, then the semantic rules (unique names, one id and one
 * group column, levels only on categorical columns, ranges only on numeric ones, reader columns pointing at
 * an existing column with the same type and levels, derived/presentWhen rules referring to existing levels).
 * @param raw the parsed YAML/JSON value
 * @param file name used in issue messages
 * @throws DataError listing every problem found
 */
export function parseCodebook(raw: unknown, file = '<codebook>'): Codebook {
  const issue = (column: string | null, value: string | null, expected: string, message: string): DataIssue => ({
    file,
    row: null,
    line: null,
    column,
    value,
    expected,
    message,
    severity: 'error',
    code: 'codebook',
  });
  const parsed = codebookSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DataError(
      file,
      parsed.error.issues.map((i) => {
        const path = i.path.map(String).join('.');
        return issue(null, null, 'a valid codebook', `codebook ${path || '(root)'}: ${i.message}`);
      }),
    );
  }
  const codebook = parsed.data;
  const issues: DataIssue[] = [];
  const byName = new Map<string, CodebookColumn>();
  for (const column of codebook.columns) {
    if (byName.has(column.name))
      issues.push(issue(column.name, column.name, 'unique column names', `column "${column.name}" is declared twice`));
    byName.set(column.name, column);
  }
  const ids = codebook.columns.filter((c) => c.role === 'id');
  const groups = codebook.columns.filter((c) => c.role === 'group');
  // the id column is optional (rows are then named by their data row number; issue 11), but never ambiguous;
  // so is the group column (each summary table names its own grouping column, `by`)
  const atMostOne = (role: string, n: number): void => {
    const message = `the codebook may declare at most one ${role} column; found ${n}`;
    if (n > 1) issues.push(issue(null, String(n), `at most one column with role ${role}`, message));
  };
  atMostOne('id', ids.length);
  atMostOne('group', groups.length);
  for (const g of groups)
    if (g.type !== 'categorical')
      issues.push(issue(g.name, g.type, 'categorical', `group column "${g.name}" must be categorical`));
  const levelCodes = (c: CodebookColumn): string[] => (c.levels ?? []).map((l) => l.code);
  for (const column of codebook.columns) {
    const n = column.name;
    if (column.type === 'categorical') {
      if (!column.levels) issues.push(issue(n, null, 'levels', `categorical column "${n}" has no levels`));
      const codes = levelCodes(column);
      if (new Set(codes).size !== codes.length)
        issues.push(issue(n, codes.join(','), 'unique level codes', `column "${n}" repeats a level code`));
      const missingCodes = column.missing ?? codebook.missing;
      for (const code of codes)
        if (missingCodes.includes(code))
          issues.push(
            issue(
              n,
              code,
              'a level code that is not a missing-value code',
              `level "${code}" of "${n}" is also a missing-value code`,
            ),
          );
    } else if (column.levels) {
      issues.push(
        issue(
          n,
          column.type,
          'no levels on a non-categorical column',
          `column "${n}" of type ${column.type} declares levels`,
        ),
      );
    }
    if (column.range && (column.type === 'string' || column.type === 'categorical')) {
      issues.push(
        issue(
          n,
          column.type,
          'a range only on integer/number/percent columns',
          `column "${n}" of type ${column.type} declares a range`,
        ),
      );
    }
    if (column.range?.min !== undefined && column.range.max !== undefined && column.range.min > column.range.max) {
      issues.push(
        issue(n, `${column.range.min}..${column.range.max}`, 'min ≤ max', `column "${n}" has an empty range`),
      );
    }
    if (column.role === 'reader1' || column.role === 'reader2') {
      const target = column.of === undefined ? undefined : byName.get(column.of);
      if (!target) {
        issues.push(
          issue(
            n,
            column.of ?? null,
            'an existing column in `of`',
            `reader column "${n}" must name the rated column in "of"`,
          ),
        );
      } else if (
        target.type !== column.type ||
        levelCodes(target).join('\u0000') !== levelCodes(column).join('\u0000')
      ) {
        issues.push(
          issue(
            n,
            column.of ?? null,
            `the type and levels of "${target.name}"`,
            `reader column "${n}" differs in type or levels from "${target.name}"`,
          ),
        );
      }
    } else if (column.of !== undefined) {
      issues.push(
        issue(n, column.of, 'no `of` outside reader columns', `column "${n}" has "of" but role ${column.role}`),
      );
    }
    const rule = column.derivedFrom;
    if (rule) {
      const sources = rule.kind === 'any' ? rule.from : [rule.from];
      for (const s of sources)
        if (!byName.has(s))
          issues.push(issue(n, s, 'an existing source column', `derivedFrom of "${n}" names unknown column "${s}"`));
      if (column.type !== 'categorical')
        issues.push(issue(n, column.type, 'categorical', `derived column "${n}" must be categorical`));
      const own = new Set(levelCodes(column));
      if (rule.kind === 'map') {
        const src = byName.get(rule.from);
        const srcLevels = new Set(src ? levelCodes(src) : []);
        for (const [from, to] of Object.entries(rule.map)) {
          if (src && !srcLevels.has(from))
            issues.push(
              issue(
                n,
                from,
                `a level of "${rule.from}"`,
                `derivedFrom.map of "${n}": "${from}" is not a level of "${rule.from}"`,
              ),
            );
          if (!own.has(to))
            issues.push(
              issue(n, to, `a level of "${n}"`, `derivedFrom.map of "${n}": "${to}" is not a level of "${n}"`),
            );
        }
        if (src)
          for (const l of srcLevels)
            if (!Object.hasOwn(rule.map, l))
              issues.push(
                issue(n, l, 'every source level mapped', `derivedFrom.map of "${n}" does not map level "${l}"`),
              );
      } else if (rule.kind === 'thresholds') {
        if (rule.breaks.length + 1 !== own.size)
          issues.push(
            issue(
              n,
              String(rule.breaks.length),
              `${own.size - 1} breaks`,
              `derived column "${n}" needs one break fewer than its levels`,
            ),
          );
        for (let i = 1; i < rule.breaks.length; i++)
          if (!(rule.breaks[i] > rule.breaks[i - 1]))
            issues.push(issue(n, String(rule.breaks[i]), 'ascending breaks', `breaks of "${n}" are not ascending`));
        const src = byName.get(rule.from);
        if (src && !['integer', 'number', 'percent'].includes(src.type))
          issues.push(issue(n, src.type, 'a numeric source', `thresholds of "${n}" need a numeric source column`));
      } else {
        for (const v of [rule.then, rule.otherwise])
          if (!own.has(v))
            issues.push(issue(n, v, `a level of "${n}"`, `derivedFrom of "${n}": "${v}" is not a level of "${n}"`));
        for (const s of rule.from) {
          const src = byName.get(s);
          if (src && !levelCodes(src).includes(rule.level))
            issues.push(
              issue(
                n,
                rule.level,
                `a level of "${s}"`,
                `derivedFrom of "${n}": "${rule.level}" is not a level of "${s}"`,
              ),
            );
        }
      }
    }
    const when = column.presentWhen;
    if (when) {
      const src = byName.get(when.column);
      if (!src)
        issues.push(
          issue(n, when.column, 'an existing column', `presentWhen of "${n}" names unknown column "${when.column}"`),
        );
      else
        for (const l of when.in)
          if (!levelCodes(src).includes(l))
            issues.push(
              issue(
                n,
                l,
                `a level of "${when.column}"`,
                `presentWhen of "${n}": "${l}" is not a level of "${when.column}"`,
              ),
            );
    }
  }
  if (issues.length > 0) throw new DataError(file, issues);
  return codebook;
}

/**
 * Reads and validates a codebook file (YAML or JSON; JSON is valid YAML).
 * @param path file path
 * @throws DataError when the file cannot be read or parsed, or the codebook is invalid (all problems listed)
 */
export function loadCodebook(path: string): Codebook {
  let text: string;
  try {
    text = readFileLimited(path, { maxBytes: inputLimits().maxBytes, what: 'the codebook' }).toString('utf8');
  } catch (error) {
    if (error instanceof InputLimitError) throw error;
    throw new DataError(path, [
      {
        file: path,
        row: null,
        line: null,
        column: null,
        value: null,
        expected: 'a readable file',
        message: `cannot read codebook: ${(error as Error).message}`,
        severity: 'error',
        code: 'file_unreadable',
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text.replace(/^\uFEFF/, ''), { prettyErrors: true });
  } catch (error) {
    throw new DataError(path, [
      {
        file: path,
        row: null,
        line: null,
        column: null,
        value: null,
        expected: 'valid YAML',
        message: `codebook is not valid YAML: ${(error as Error).message.split('\n')[0]}`,
        severity: 'error',
        code: 'codebook',
      },
    ]);
  }
  return parseCodebook(raw, path);
}

/** Missing-value codes in force for a column. */
export function missingCodes(codebook: Codebook, column: CodebookColumn): readonly string[] {
  return column.missing ?? codebook.missing;
}
