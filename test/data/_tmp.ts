import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory for one test file's inputs. */
export function tempDir(prefix = 'restudy-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` (string or bytes) to dir/name and returns the path. */
export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A small codebook exercising every column type and cross-column rule. */
export const MINI_CODEBOOK = `
study: mini
version: 1
columns:
  - { name: patient_id, label: Patient, type: string, role: id }
  - name: her2_group
    label: HER2 group
    type: categorical
    role: group
    levels: [{ code: zero, label: HER2-zero }, { code: low, label: HER2-low }, { code: over, label: HER2-over }]
  - { name: age, label: Age, type: integer, unit: years, range: { min: 18, max: 100 } }
  - { name: er, label: ER, type: categorical, levels: [{ code: positive, label: Positive }, { code: negative, label: Negative }] }
  - { name: pr, label: PR, type: categorical, levels: [{ code: positive, label: Positive }, { code: negative, label: Negative }] }
  - name: hr
    label: HR
    type: categorical
    levels: [{ code: positive, label: Positive }, { code: negative, label: Negative }]
    derivedFrom: { kind: any, from: [er, pr], level: positive, then: positive, otherwise: negative }
  - { name: ki67, label: Ki-67, type: percent, unit: '%', range: { min: 0, max: 100 } }
  - name: ki67_group
    label: Ki-67 group
    type: categorical
    levels: [{ code: low, label: Low }, { code: high, label: High }]
    derivedFrom: { kind: thresholds, from: ki67, breaks: [40] }
  - { name: size_mm, label: Size, type: number, unit: mm, range: { min: 0, minExclusive: true } }
  - name: lesion_type
    label: Lesion type
    type: categorical
    levels: [{ code: mass, label: Mass }, { code: nme, label: NME }, { code: mass_with_nme, label: Mass with NME }]
  - name: lesion_class
    label: Lesion class
    type: categorical
    levels: [{ code: mass, label: Mass }, { code: nme_related, label: NME-related }]
    derivedFrom: { kind: map, from: lesion_type, map: { mass: mass, nme: nme_related, mass_with_nme: nme_related } }
  - name: mass_shape
    label: Mass shape
    type: categorical
    levels: [{ code: oval_round, label: Oval/round }, { code: irregular, label: Irregular }]
    presentWhen: { column: lesion_type, in: [mass] }
  - { name: note, label: Free note, type: string, required: false }
`;

export const GOOD_HEADER =
  'patient_id,her2_group,age,er,pr,hr,ki67,ki67_group,size_mm,lesion_type,lesion_class,mass_shape';
export const GOOD_ROWS = [
  'P1,zero,45,positive,negative,positive,30,low,21.5,mass,mass,irregular',
  'P2,low,52,negative,negative,negative,40,high,18,nme,nme_related,',
  'P3,over,61,negative,positive,positive,55%,high,40.25,mass_with_nme,nme_related,NA',
];
export const goodCsv = (eol = '\n'): string => [GOOD_HEADER, ...GOOD_ROWS].join(eol) + eol;
