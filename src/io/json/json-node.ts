/** A JSON value with the line and column (1-based) where it starts, so that config problems can point at it. */
interface At {
  line: number;
  column: number;
}

export interface JsonEntry {
  key: string;
  keyAt: At;
  value: JsonNode;
}

export type JsonNode = At &
  (
    | { kind: 'object'; entries: JsonEntry[] }
    | { kind: 'array'; items: JsonNode[] }
    | { kind: 'string'; value: string }
    | { kind: 'number'; value: number; raw: string }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'null' }
  );

export type JsonObject = Extract<JsonNode, { kind: 'object' }>;

/** JSON kind names in French, for messages. */
export const KIND_FR: Record<JsonNode['kind'], string> = {
  object: 'un objet { … }',
  array: 'une liste [ … ]',
  string: 'une chaîne entre guillemets',
  number: 'un nombre',
  boolean: 'true ou false',
  null: 'null',
};
