/** An input file: the path as the user would type it (for problems) and the dataset-relative one (for SourceRef). */
export interface SourceFile {
  path: string;
  rel: string;
}
