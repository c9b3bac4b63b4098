/**
 * Reads a study folder (`analyses/<study>/`): `study.yaml` and one YAML file per analysis, each validated with
 * the schema of its kind (src/study/kinds). Every problem names the file and the field. The language is
 * documented in analyses/README.md. Checks that need the cohort's columns run later (checkStudy), still
 * before any analysis is computed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type Preset, presetSchema, presetsOf } from './conventions.ts';
import { type DerivedSpec, derivedSchema } from './derived.ts';
import { SpecError } from './errors.ts';
import type { CheckContext } from './kinds/_kind.ts';
import { KIND_NAMES, KINDS } from './kinds/index.ts';
import { ALL_ROWS, type Subgroup } from './subgroups.ts';
import type { ColumnInfo } from './types.ts';

export { SpecError } from './errors.ts';

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an identifier (a letter, then letters, digits, _)');

const subgroupSchema = z.strictObject({
  label: z.string(),
  /** column → allowed level codes; omitted = every row. */
  where: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
});

export const studySchema = z.strictObject({
  id: identifier.optional(),
  title: z.string(),
  citation: z.string().optional(),
  /** Paths relative to the study folder. */
  data: z.strictObject({
    cohort: z.string().min(1),
    codebook: z.string().min(1),
    published: z.string().min(1).optional(),
  }),
  alpha: z.number().gt(0).lt(1).default(0.05),
  seed: z.number().int().positive().max(0xffffffff).default(1),
  bootstrapReplicates: z.number().int().positive().default(2000),
  preset: z.string().default('r'),
  presets: z.record(identifier, presetSchema).default({}),
  subgroups: z.record(identifier, subgroupSchema).default({}),
  derived: z.array(derivedSchema).default([]),
  analyses: z.array(z.string().regex(/\.ya?ml$/, 'a .yaml file')).min(1),
});
export type StudySpec = z.infer<typeof studySchema>;

/** One analysis file, validated by its kind's schema. */
export interface AnalysisEntry {
  file: string;
  id: string;
  kind: string;
  spec: unknown;
}

/** A study folder, loaded and validated. */
export interface LoadedStudy {
  dir: string;
  /** The study's id (study.yaml `id`, or the folder name). */
  id: string;
  study: StudySpec;
  presets: ReadonlyMap<string, Preset>;
  subgroups: ReadonlyMap<string, Subgroup>;
  derived: DerivedSpec[];
  analyses: AnalysisEntry[];
}

function readYaml(file: string): unknown {
  if (!existsSync(file)) throw new SpecError(file, ['file not found']);
  try {
    return parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new SpecError(file, [`not valid YAML: ${(error as Error).message}`]);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new SpecError(
      file,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Own entries of a parsed YAML mapping as a Map (names typed by users never reach Object.prototype). */
const ownMap = <T>(record: Record<string, T>): Map<string, T> =>
  new Map(Object.keys(record).map((k) => [k, record[k]]));

/**
 * Loads `study.yaml` and every analysis it lists, validates them and checks what needs no data: the preset
 * named, unique ids, and that every analysis an analysis reads comes earlier.
 */
export function loadStudy(dir: string): LoadedStudy {
  const root = resolve(dir);
  const studyFile = join(root, 'study.yaml');
  const study = check(studySchema, readYaml(studyFile), studyFile);
  const presets = presetsOf(ownMap(study.presets));
  const problems: string[] = [];
  if (!presets.has(study.preset))
    problems.push(`preset: no preset named "${study.preset}" (have ${[...presets.keys()].join(', ')})`);
  const subgroups = ownMap(study.subgroups) as Map<string, Subgroup>;
  if (!subgroups.has('all')) subgroups.set('all', ALL_ROWS);
  if (problems.length) throw new SpecError(studyFile, problems);

  const analyses: AnalysisEntry[] = [];
  for (const rel of study.analyses) {
    const file = join(root, rel);
    const raw = readYaml(file);
    const kindName =
      raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'kind')
        ? (raw as { kind: unknown }).kind
        : undefined;
    const kind = typeof kindName === 'string' ? KINDS.get(kindName) : undefined;
    if (!kind)
      throw new SpecError(file, [
        `kind: ${kindName === undefined ? 'missing' : `unknown kind ${JSON.stringify(kindName)}`}` +
          `; allowed: ${KIND_NAMES.join(', ')}`,
      ]);
    const spec = check(kind.schema as z.ZodType<{ id: string }>, raw, file);
    const p: string[] = [];
    if (analyses.some((a) => a.id === spec.id)) p.push(`id: "${spec.id}" is used by an earlier analysis`);
    for (const src of kind.sources(spec as never)) {
      if (!analyses.some((a) => a.id === src))
        p.push(`"${src}" is not an earlier analysis (have ${analyses.map((a) => a.id).join(', ') || 'none'})`);
    }
    if (p.length) throw new SpecError(file, p);
    analyses.push({ file, id: spec.id, kind: kindName as string, spec });
  }
  return { dir: root, id: study.id ?? basename(root), study, presets, subgroups, derived: study.derived, analyses };
}

/**
 * Every analysis checked against the cohort's columns (after derived columns), before any is computed: a
 * name that matches nothing stops the run here, with the file and field named.
 */
export function checkStudy(loaded: LoadedStudy, columns: ReadonlyMap<string, ColumnInfo>): void {
  const studyFile = join(loaded.dir, 'study.yaml');
  const p: string[] = [];
  for (const [name, sg] of loaded.subgroups) {
    for (const [column, codes] of Object.entries(sg.where ?? {})) {
      const col = columns.get(column);
      if (!col) p.push(`subgroups.${name}.where: no column "${column}" in the codebook`);
      else if (col.type !== 'categorical') p.push(`subgroups.${name}.where: "${column}" is not categorical`);
      else
        for (const c of codes)
          if (!col.levels?.some((l) => l.code === c))
            p.push(`subgroups.${name}.where.${column}: "${c}" is not a level of ${column}`);
    }
  }
  if (p.length) throw new SpecError(studyFile, p);
  const earlier = new Map<string, { kind: string; spec: unknown }>();
  const ctx: CheckContext = { columns, subgroups: loaded.subgroups, earlier };
  for (const a of loaded.analyses) {
    const problems = (KINDS.get(a.kind) as typeof KINDS extends ReadonlyMap<string, infer K> ? K : never).check(
      a.spec as never,
      ctx,
    );
    if (problems.length) throw new SpecError(a.file, problems);
    earlier.set(a.id, { kind: a.kind, spec: a.spec });
  }
}

export const studyDirOf = (file: string): string => dirname(resolve(file));
