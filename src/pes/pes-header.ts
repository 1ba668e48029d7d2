/** Enveloppe (file parameters, issuing software) and EnTetePES (poste comptable, budget). */
import type { Config } from '../engine/dataset.js';
import type { IsoDate } from '../engine/dates.js';
import { MAX, PES_SOFTWARE_NAME } from './pes-constants.js';
import { fitText, pesText } from './pes-text.js';
import { leaf, optionalLeaf, type PesNode } from './pes-xml.js';

export function addEnveloppe(root: PesNode, fileName: string, softwareVersion: string): void {
  const enveloppe = root.ele('Enveloppe');
  const parametres = enveloppe.ele('Parametres');
  leaf(parametres, 'Version', 2);
  leaf(parametres, 'TypFic', 'PESALR1');
  leaf(parametres, 'NomFic', fileName);
  const emetteur = enveloppe.ele('Emetteur');
  leaf(emetteur, 'Sigle', PES_SOFTWARE_NAME);
  leaf(emetteur, 'Adresse', fitText(pesText(`${PES_SOFTWARE_NAME} ${softwareVersion}`), 38));
}

export function addEnTetePES(root: PesNode, config: Config, dateGeneration: IsoDate): void {
  const pes = config.emetteur.pes ?? {};
  const header = root.ele('EnTetePES');
  leaf(header, 'DteStr', dateGeneration);
  leaf(header, 'IdPost', pes.idPost ?? '');
  leaf(header, 'IdColl', config.emetteur.siret ?? '');
  leaf(header, 'CodCol', pes.codCol ?? '');
  leaf(header, 'CodBud', pes.codBud ?? '');
  optionalLeaf(header, 'LibelleColBud', fitText(pesText(pes.libelleColBud ?? ''), MAX.libelleColBud));
}
