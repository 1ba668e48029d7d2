/** The one writing convention of PES V2: every leaf value goes in a `V` attribute. */
import type { create } from 'xmlbuilder2';

export type PesNode = ReturnType<typeof create>;

/** Appends `<name V="value"/>` to `parent`. */
export function leaf(parent: PesNode, name: string, value: string | number): void {
  parent.ele(name).att('V', String(value));
}

/** Appends `<name V="value"/>` only when `value` is a non-empty string. */
export function optionalLeaf(parent: PesNode, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') leaf(parent, name, value);
}
