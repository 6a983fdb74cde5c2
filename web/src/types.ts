/** The shapes the REST API answers with (see /api/v1/openapi.json). */
export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';
export const TLPS: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export interface StixObject {
  type: string;
  id: string;
  name?: string;
  value?: string;
  description?: string;
  created?: string;
  modified?: string;
  aliases?: string[];
  pattern?: string;
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
  sighting_of_ref?: string;
  external_references?: { source_name: string; external_id?: string; url?: string }[];
  kill_chain_phases?: { kill_chain_name: string; phase_name: string }[];
  [property: string]: unknown;
}

export interface Stats {
  total: number;
  by_type: Record<string, number>;
  by_tlp: Record<string, number>;
}

export interface SearchResult {
  q: string;
  count: number;
  hits: { object: StixObject; tlp: Tlp; date_added: string }[];
}

export interface ObjectPage {
  object: StixObject;
  tlp: Tlp;
  date_added: string;
  author: { id: string; name: string | null };
  relationships: StixObject[];
  sightings: StixObject[];
  referenced_by: StixObject[];
  versions?: StixObject[];
}

export interface ObjectList {
  count: number;
  objects: StixObject[];
  more: boolean;
  next?: string;
}

export interface Community {
  id: string;
  name: string;
  created_at: string;
  org_ids: string[];
}

export interface Organisation {
  id: string;
  name: string;
  created_at: string;
}

export interface KeyInfo {
  id: string;
  org_id: string;
  role: 'reader' | 'contributor' | 'admin';
}

export interface IncidentCreated {
  report: string;
  incident: string;
  indicators: string[];
  observables: string[];
  relationships: string[];
}
