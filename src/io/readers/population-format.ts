import type { PopulationFormat } from '../../engine/dataset.js';

/** Where a population file keeps the code, PMUN and PTOT, by format (data contract, R3). */
export interface PopulationLayout {
  format: PopulationFormat;
  required: string[];
  municipale: string;
  totale: string;
  /** Column holding the 5-character code, or the parts it is built from (INSEE 2020). */
  code: { column: string } | { dep: string; codcom: string };
}

const LAYOUTS: PopulationLayout[] = [
  {
    format: 'simple',
    required: ['code_insee', 'population_municipale', 'population_totale'],
    municipale: 'population_municipale',
    totale: 'population_totale',
    code: { column: 'code_insee' },
  },
  {
    format: 'insee-2020',
    required: ['CODREG', 'CODDEP', 'CODCOM', 'PMUN', 'PTOT'],
    municipale: 'PMUN',
    totale: 'PTOT',
    code: { dep: 'CODDEP', codcom: 'CODCOM' },
  },
  {
    format: 'insee-2021',
    required: ['DEP', 'CODCOM', 'COM', 'PMUN', 'PTOT'],
    municipale: 'PMUN',
    totale: 'PTOT',
    code: { column: 'COM' },
  },
];

/** The layout whose columns the header holds (case-insensitive), the simple form first. */
export function detectPopulationLayout(header: readonly string[]): PopulationLayout | undefined {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  return LAYOUTS.find((l) => l.required.every((c) => names.has(c.toLowerCase())));
}

/** INSEE 2020: the code is the département (its first 2 characters for a 3-character DOM code) + CODCOM. */
export function inseeCode2020(dep: string, codcom: string): string {
  return dep.slice(0, 2) + codcom;
}

export const LYON = '69123';
export const LYON_ARRONDISSEMENTS = ['69381', '69382', '69383', '69384', '69385', '69386', '69387', '69388', '69389'];
