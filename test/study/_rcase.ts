/** One number an R fixture computed: where restudy reports it, its value (null = NA) and how R got it. */
export interface RCase {
  table: string;
  row: string;
  column: string;
  value: number | null;
  what: string;
}
