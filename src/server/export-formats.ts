/**
 * The export formats, written a piece at a time so an export streams: GraphML (for Gephi,
 * Cytoscape desktop, networkx, yEd) and Cytoscape.js JSON elements. Each writer gives the text of
 * the opening, of one node, of one edge, of the turn from nodes to edges and of the close.
 */
import { NODE_LABELS, type NodeLabel } from '../domain/model.js';
import type { EdgeRecord, NodeRecord } from '../store/GraphStore.js';
import { actorProps, claimProps, completeProps, eventProps, placeProps, sourceProps, type Props } from '../store/properties.js';
import { INTERNAL_PROPERTIES, LINK_PROPERTIES, NODE_PROPERTIES, type PropertyType } from '../store/schema.js';

/** GraphML has no list type: a list property is one string, its items joined by this. */
export const LIST_SEPARATOR = ' | ';

export interface ExportFormat {
  contentType: string;
  extension: string;
  begin(): string;
  node(n: NodeRecord): string;
  /** Between the last node and the first edge. */
  edges(): string;
  edge(e: EdgeRecord): string;
  end(): string;
}

/** The properties an export carries of a label's nodes: the stored ones but those the store keeps for itself. */
const exported = (label: NodeLabel) => NODE_PROPERTIES[label].filter(([name]) => !INTERNAL_PROPERTIES[label]?.includes(name));

/** A node's stored properties, flat as in the database, every exported one (null when unset). */
export function nodeProperties(n: NodeRecord): Props {
  const props = (() => {
    switch (n.label) {
      case 'Actor': return actorProps({ ...n, memberOf: [] });
      case 'Place': return placeProps({ ...n, partOf: [] });
      case 'Event': return eventProps({ ...n, occurredIn: [], participants: [] });
      // listNodes reads sources whole: the export carries their text.
      case 'Source': return sourceProps({ ...n, text: n.text ?? '', publisher: null });
      case 'Claim': return claimProps({ ...n, source: '', claimant: '', about: [], refersTo: [] });
    }
  })();
  const all = completeProps(n.label, props);
  return Object.fromEntries(exported(n.label).map(([name]) => [name, all[name] ?? null]));
}

/** An edge's properties besides id, source and target: its type, then the link properties it has. */
function edgeProperties(e: EdgeRecord): Props {
  return { type: e.type, kind: e.kind, explanation: e.explanation, rule: e.rule, independent: e.independent, dependence: e.dependence };
}

const GRAPHML_TYPE: Record<PropertyType, string> = { STRING: 'string', 'STRING[]': 'string', INT64: 'long', DOUBLE: 'double', BOOLEAN: 'boolean' };

/** Every node property of any label, once, with its GraphML type (a name has one type in every label). */
function nodeKeys(): Array<[string, string]> {
  const keys = new Map<string, string>([['label', 'string']]);
  for (const label of NODE_LABELS as readonly NodeLabel[]) {
    for (const [name, type] of exported(label)) {
      const t = GRAPHML_TYPE[type];
      if (keys.has(name) && keys.get(name) !== t) throw new Error(`Node property ${name} has two types; GraphML needs one key per name`);
      keys.set(name, t);
    }
  }
  return [...keys];
}

const EDGE_KEYS: Array<[string, string]> = [['type', 'string'], ...LINK_PROPERTIES.map(([name, type]) => [name, GRAPHML_TYPE[type]] as [string, string])];

// XML 1.0 allows no other control characters, even escaped; they are dropped. So are unpaired surrogates.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute. */
export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * An edge's GraphML id. GraphML ids are XML name tokens (xs:NMTOKEN in the GraphML schema), which
 * `>` is not: the API's `TYPE:source->target` is written `TYPE:source--target`. Node ids are name
 * tokens already (`label:slug`, validated on the way in), so they are written as they are.
 */
export function graphmlEdgeId(id: string): string {
  return id.replace('->', '--');
}

function graphmlValue(v: string | number | boolean | string[]): string {
  return xmlEscape(Array.isArray(v) ? v.join(LIST_SEPARATOR) : String(v));
}

function graphmlData(prefix: string, props: Props): string {
  let out = '';
  for (const [name, v] of Object.entries(props)) {
    if (v === null || (typeof v === 'number' && !Number.isFinite(v))) continue;
    out += `<data key="${prefix}${name}">${graphmlValue(v)}</data>`;
  }
  return out;
}

/**
 * GraphML 1.0 (http://graphml.graphdrawing.org/): keys `n_<property>` for nodes, `e_<property>` for
 * edges, each typed. Valid against the GraphML schema (test/api/export.test.ts checks it with the
 * schema's own files) and read by networkx with the keys' types.
 */
export function graphml(): ExportFormat {
  return {
    contentType: 'application/graphml+xml; charset=utf-8',
    extension: 'graphml',
    begin: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
      nodeKeys().map(([name, type]) => `<key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>\n`).join('') +
      EDGE_KEYS.map(([name, type]) => `<key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>\n`).join('') +
      '<graph id="claimgraph" edgedefault="directed">\n',
    node: (n) => `<node id="${xmlEscape(n.id)}">${graphmlData('n_', { label: n.label, ...nodeProperties(n) })}</node>\n`,
    edges: () => '',
    edge: (e) =>
      `<edge id="${xmlEscape(graphmlEdgeId(e.id))}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}">${graphmlData('e_', edgeProperties(e))}</edge>\n`,
    end: () => '</graph>\n</graphml>\n',
  };
}

function compact(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null));
}

/** Cytoscape.js elements JSON (`cy.json({ elements })`, Cytoscape desktop's "cyjs"): lists stay lists, nulls are left out. */
export function cyjs(): ExportFormat {
  let first = true;
  const item = (data: Props) => {
    const text = `${first ? '' : ',\n'}{"data":${JSON.stringify(data)}}`;
    first = false;
    return text;
  };
  return {
    contentType: 'application/json; charset=utf-8',
    extension: 'cyjs',
    begin: () => '{"elements":{"nodes":[\n',
    node: (n) => item({ id: n.id, label: n.label, ...compact(nodeProperties(n)) }),
    edges: () => {
      first = true;
      return '\n],"edges":[\n';
    },
    edge: (e) => item({ id: e.id, source: e.source, target: e.target, ...compact(edgeProperties(e)) }),
    end: () => '\n]}}\n',
  };
}
