/** Where `titres rapport` writes under OUT (known to verify). */

/** OUT-relative paths of a year's report. */
export const reportFiles = (year: number): { pdf: string; xlsx: string } => ({
  pdf: `rapports/rapport-${year}.pdf`,
  xlsx: `rapports/rapport-${year}.xlsx`,
});

/** Matches the name of a report file under OUT. */
export const REPORT_FILE_PATTERN = /^rapports\/rapport-\d{4}\.(pdf|xlsx)$/;
