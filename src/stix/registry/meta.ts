import { anyRef, extensions, externalReferences, granularMarkings, markingRefs } from './common.ts';
import { bool, dict, list, oneOf, props, ref, req, str, type TypeSpec, ts } from './kinds.ts';
import { EXTENSION_TYPE } from './vocab.ts';

/** Meta objects (section 7) and the bundle (section 8). */
export const META_TYPES: readonly TypeSpec[] = [
  {
    type: 'marking-definition',
    category: 'meta',
    props: props({
      type: req(str),
      spec_version: req(str),
      id: req(str),
      created_by_ref: ref('identity'),
      created: req(ts),
      external_references: externalReferences,
      object_marking_refs: markingRefs,
      granular_markings: granularMarkings,
      extensions,
      name: str,
      // Open in practice: `tlp` and `statement` are defined, others come with their own definition.
      definition_type: str,
      definition: dict,
    }),
    // TLP 2.0 markings carry an extension instead of definition_type/definition.
    atLeastOne: [['definition', 'extensions']],
    requires: [
      { given: 'definition', needs: 'definition_type' },
      { given: 'definition_type', needs: 'definition' },
    ],
  },
  {
    type: 'extension-definition',
    category: 'meta',
    props: props({
      type: req(str),
      spec_version: req(str),
      id: req(str),
      created_by_ref: req(ref('identity')),
      created: req(ts),
      modified: req(ts),
      revoked: bool,
      labels: list(str),
      external_references: externalReferences,
      object_marking_refs: markingRefs,
      granular_markings: granularMarkings,
      name: req(str),
      description: str,
      schema: req(str),
      version: req(str),
      extension_types: req(list(oneOf(EXTENSION_TYPE))),
      extension_properties: list(str),
    }),
    order: [{ first: 'created', last: 'modified' }],
  },
  {
    type: 'language-content',
    category: 'meta',
    props: props({
      type: req(str),
      spec_version: req(str),
      id: req(str),
      created_by_ref: ref('identity'),
      created: req(ts),
      modified: req(ts),
      revoked: bool,
      labels: list(str),
      confidence: { kind: 'integer', min: 0, max: 100 },
      external_references: externalReferences,
      object_marking_refs: markingRefs,
      granular_markings: granularMarkings,
      extensions,
      object_ref: req(anyRef),
      object_modified: ts,
      contents: req(dict),
    }),
    order: [{ first: 'created', last: 'modified' }],
  },
  {
    type: 'bundle',
    category: 'bundle',
    props: props({
      type: req(str),
      id: req(str),
      objects: list({ kind: 'stix-object' }),
    }),
  },
];
