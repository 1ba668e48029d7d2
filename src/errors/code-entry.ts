/**
 * The shape of one catalogued problem code. Its own leaf module so that each area's list
 * (codes-*.ts) can check its entries against it without importing the catalogue that gathers them.
 */
export interface CodeEntry {
  /** What it means, in French. */
  sens: string;
  /** How to fix it, in French. */
  correction: string;
}
