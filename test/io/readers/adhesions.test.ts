import { describe, expect, it } from 'vitest';
import type { Service } from '../../../src/engine/dataset.js';
import { Decimal } from '../../../src/engine/money.js';
import { parseAdhesions } from '../../../src/io/readers/adhesions.js';
import { laclasse } from '../../fixtures/dataset.js';
import { csvFile, HEADERS } from '../helpers/minimal-dataset.js';

const SRC = { path: 'data/adhesions.csv', rel: 'adhesions.csv' };

const paying = (id: string, options: string[] = []): Service =>
  laclasse({
    id,
    libelle: id,
    forfait: new Decimal('300'),
    imputation: {},
    options: new Map(options.map((o) => [o, { id: o, libelle: o, prixUnitaire: new Decimal('250') }])),
  });
const SERVICES = new Map<string, Service>([
  ['laclasse', paying('laclasse')],
  ['toodego', paying('toodego', ['connecteurs'])],
  ['geonet', { id: 'geonet', libelle: 'Geonet', gratuit: true }],
]);
const CONTEXT = { communes: new Set(['69081', '69003', '69123']), services: SERVICES, serviceIds: new Set(SERVICES.keys()) };
const read = (...rows: string[]) => parseAdhesions(csvFile(HEADERS.adhesions, rows), SRC, CONTEXT);
const where = (ps: { code: string; line?: number; column?: number }[]) => ps.map((p) => [p.code, p.line, p.column]);

describe('parseAdhesions', () => {
  it('reads an adhesion; date_debut defaults to date_signature; French formats accepted', () => {
    const { adhesions, problems } = read('69081,laclasse,18/12/2025,,"1\u00a0100,00",,,,', '69123,toodego,2025-12-15,2026-01-01,,2027-12-14,resiliation,2027-08-01,connecteurs=2');
    expect(problems).toEqual([]);
    expect(adhesions.at(0)!).toMatchObject({ codeInsee: '69081', service: 'laclasse', dateSignature: '2025-12-18', dateDebut: '2025-12-18', line: 2 });
    expect(adhesions.at(0)!.montantAnterieur?.toFixed(2)).toBe('1100.00');
    expect(adhesions.at(1)!).toMatchObject({ dateDebut: '2026-01-01', dateFin: '2027-12-14', motifFin: 'resiliation', datePreavis: '2027-08-01' });
    expect([...adhesions.at(1)!.options]).toEqual([['connecteurs', 2]]);
  });

  it('reports unknown commune and service, duplicates and bad dates with positions', () => {
    const { adhesions, problems } = read(
      '99999,laclasse,2025-12-18,,,,,,',
      '69081,laclase,2025-12-18,,,,,,',
      '69081,laclasse,2025-12-18,,,,,,',
      '69081,laclasse,2025-12-19,,,,,,',
      '69003,laclasse,31/02/2026,,,,,,',
      '69123,laclasse,,,,,,,',
    );
    expect(adhesions.length).toBe(0);
    expect(where(problems)).toEqual([
      ['UNKNOWN_COMMUNE', 2, 1],
      ['UNKNOWN_SERVICE', 3, 2],
      ['DUPLICATE_ADHESION', 5, 2],
      ['INVALID_DATE', 6, 3],
      ['MISSING_VALUE', 7, 3],
    ]);
    expect(problems[1].message).toContain('« laclase »');
    expect(problems[2].message).toContain('ligne 4');
  });

  it('checks the end of an adhesion (R7, R8)', () => {
    const { problems } = read(
      '69081,laclasse,2025-12-18,2026-01-01,,2025-12-31,resiliation,,',
      '69003,laclasse,2025-12-18,,,2026-06-30,,,',
      '69123,laclasse,2025-12-18,,,,manquement_commune,,',
      '69081,toodego,2025-12-18,,,2026-06-30,abandon,,',
      '69003,toodego,2025-12-18,,,2026-06-30,manquement_metropole,2026-03-01,',
    );
    expect(where(problems)).toEqual([
      ['END_BEFORE_START', 2, 6],
      ['END_REASON_MISSING', 3, 7],
      ['END_REASON_WITHOUT_END', 4, 7],
      ['INVALID_END_REASON', 5, 7],
      ['NOTICE_WITHOUT_RESILIATION', 6, 8],
    ]);
  });

  it('checks montant antérieur and options against the service (R2, R5)', () => {
    const { problems } = read(
      '69081,laclasse,2025-12-18,,-10.00,,,,',
      '69081,geonet,2025-12-18,,,,,,x=1',
      '69003,toodego,2025-12-18,,,,,,passerelles=1',
      '69123,toodego,2025-12-18,,,,,,connecteurs=0|connecteurs',
      '69081,toodego,2025-12-18,,,,,,connecteurs=1|connecteurs=2',
      '69003,laclasse,2025-12-18,,12€,,,,',
    );
    expect(where(problems)).toEqual([
      ['NEGATIVE_AMOUNT', 2, 5],
      ['FREE_SERVICE_OPTIONS', 3, 9],
      ['UNKNOWN_OPTION', 4, 9],
      ['INVALID_QUANTITY', 5, 9],
      ['INVALID_OPTIONS', 5, 9],
      ['DUPLICATE_OPTION', 6, 9],
      ['INVALID_AMOUNT', 7, 5],
    ]);
    expect(problems[2].message).toContain('« passerelles »');
    expect(problems[2].message).toContain('connecteurs');
  });

  it('ignores a montant antérieur on a free service with a warning, never an error (data contract, R2)', () => {
    const { adhesions, problems } = read('69081,geonet,2025-12-18,,100.00,,,,');
    expect(problems).toMatchObject([{ code: 'FREE_SERVICE_AMOUNT_IGNORED', severity: 'warning', line: 2, column: 5 }]);
    expect(problems[0].message).toContain('« geonet »');
    expect(adhesions).toHaveLength(1);
    expect(adhesions.at(0)!.montantAnterieur).toBeUndefined();
  });

  it('needs only code_insee, service and date_signature columns', () => {
    const { adhesions, problems } = parseAdhesions('code_insee;service;date_signature\n69081;laclasse;2025-12-18\n', SRC, CONTEXT);
    expect(problems).toEqual([]);
    expect(adhesions).toHaveLength(1);
    expect(parseAdhesions('code_insee,date_signature\n', SRC, CONTEXT).problems).toMatchObject([{ code: 'CSV_MISSING_COLUMN', line: 1 }]);
  });
});
