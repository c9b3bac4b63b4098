import { z } from 'zod';
import { PUBLISHED_KINDS, PUBLISHED_TABLE_PATTERN } from './types.ts';

/**
 * zod mirror of `data/schema/published.schema.json` (JSON Schema 2020-12). The JSON Schema is the
 * published contract for transcribers; this mirror validates at load time. A test feeds the same
 * valid and invalid samples to both and requires the same verdicts.
 *
 * Semantic rules that JSON Schema cannot say (id = table/row/column, value/interval re-derived from
 * `printed`, unique ids) are checked by `loadPublished`, not here.
 */

const interval = z.tuple([z.number(), z.number()]).nullable();

export const publishedLocationSchema = z.strictObject({
  table: z.string().regex(PUBLISHED_TABLE_PATTERN),
  row: z.string().regex(/^[a-z0-9_.+-]+(:[a-z0-9_.+-]+)*$/),
  column: z.string().regex(/^[a-z0-9_]+$/),
});

export const publishedNumberSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9]+\/[a-z0-9_:.+-]+\/[a-z0-9_]+$/),
  location: publishedLocationSchema,
  printed: z.string().min(1),
  value: z.number().nullable(),
  interval,
  bound: z.enum(['upper', 'lower']).optional(),
  kind: z.enum(PUBLISHED_KINDS),
  denominator: z.number().int().min(1).optional(),
  reconstructed: z.boolean().optional(),
  printedIn: z.string().optional(),
  direction: z.enum(['lower', 'higher']).optional(),
  refersTo: z
    .array(z.string().regex(/^[A-Za-z0-9]+\/[a-z0-9_:.+-]+\/[a-z0-9_]+$/))
    .min(1)
    .optional(),
  note: z.string().optional(),
});

export const publishedFileSchema = z.strictObject({
  $schema: z.string().optional(),
  study: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
  title: z.string().optional(),
  source: z.strictObject({
    citation: z.string().min(1),
    doi: z.string().optional(),
    transcribedBy: z.string().optional(),
    transcribedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
  context: z
    .strictObject({
      groups: z.record(z.string(), z.number().int().min(1)).optional(),
      subset: z.string().optional(),
      comparison: z.tuple([z.string(), z.string()]).optional(),
      comparisons: z.record(z.string(), z.tuple([z.string(), z.string()])).optional(),
      integerRows: z.array(z.string()).optional(),
      note: z.string().optional(),
    })
    .optional(),
  numbers: z.array(publishedNumberSchema),
});

export type PublishedFileJson = z.infer<typeof publishedFileSchema>;
