/**
 * GraphTransaction over an engine's write unit of work: the reads a curated write needs, seen
 * through its own uncommitted writes, and its writes. Statements run one at a time (one connection
 * on Kuzu, one transaction on Neo4j).
 */
import { labelOfId, type ClaimData, type GraphData, type LinkData, type NodeLabel } from '../../domain/model.js';
import type {
  AnalysisInput, AnalysisScope, ChangeRecord, ClaimRecord, GraphTransaction, LinkType, RecordOf, TypedLink, WholeRecordOf,
} from '../GraphStore.js';
import { linkRows, type LinkRow } from '../graph-rows.js';
import * as c from './curation.js';
import { scopeOfGraph, subjectsBefore, type DigestScope } from './digests.js';
import type { Dialect } from './dialect.js';
import type { NodeValue, Row, Run, Statement } from './Engine.js';
import * as q from './queries.js';
import * as w from './writes.js';
import { analysisInputOf, linkOf, record, text } from './rows.js';

const LINK_TYPES = ['CONTRADICTS', 'CORROBORATES'] as const;

const nodeIds = (g: GraphData): string[] => [g.actors, g.places, g.events, g.sources, g.claims].flatMap((nodes) => nodes.map((n) => n.id));

/** Rows of a change (curation.ts CHANGE_COLUMNS) as a record. */
export function changeOf(r: Row): ChangeRecord {
  const links = (v: unknown): TypedLink[] => (typeof v === 'string' && v ? (JSON.parse(v) as TypedLink[]) : []);
  return {
    id: text(r.id), seq: Number(r.seq), at: text(r.at), who: text(r.who), role: text(r.role), operation: text(r.operation),
    reason: (r.reason as string | null) ?? null, summary: text(r.summary), targets: ((r.targets as unknown[]) ?? []).map(text),
    before: (r.before as string | null) ?? null, after: (r.after as string | null) ?? null,
    linksAdded: links(r.linksAdded), linksRemoved: links(r.linksRemoved),
  };
}

const asLinkRow = (l: LinkData): LinkRow => ({
  from: l.from, to: l.to, kind: l.kind, explanation: l.explanation, rule: l.rule, independent: l.independent ?? null, dependence: l.dependence ?? null,
});

export class CypherTransaction implements GraphTransaction {
  /** The subjects whose claim digests this write may change: the store refreshes them before it commits. */
  readonly touched: DigestScope = new Set();
  /** Ids of the nodes this write wrote, which reads inside it look up apart (dialect.idsPerReadInWrite). */
  private readonly written = new Set<string>();
  /** Actors a merge moved relationships from or into (moveActor). */
  private readonly moved = new Set<string>();

  private constructor(
    private readonly run: Run,
    private readonly d: Dialect,
    readonly seq: number,
    private taken: boolean,
  ) {}

  /**
   * Takes the next change number first where writers may run side by side (Neo4j: that is where
   * they queue). Where this process is the only writer and its writes take turns (Kuzu), it only
   * reads which number comes next and takes it in `finish`: a write refused before it wrote
   * anything then rolls back nothing (KuzuEngine.writeNow says why that matters).
   */
  static async begin(run: Run, d: Dialect, takeFirst: boolean): Promise<CypherTransaction> {
    if (takeFirst) {
      const [row] = await run(c.nextChange());
      return new CypherTransaction(run, d, Number(row?.seq), true);
    }
    const [row] = await run(c.graphVersion());
    return new CypherTransaction(run, d, Number(row?.last ?? 0) + 1, false);
  }

  /** Takes the change number `begin` only read; last in the write, before its derivation. */
  async finish(): Promise<void> {
    if (this.taken) return;
    const [row] = await this.run(c.nextChange());
    // Writes take turns, so nothing took a number in between; if one did, this write is refused whole.
    if (Number(row?.seq) !== this.seq) throw new Error(`Change ${this.seq} was taken by another write (now ${String(row?.seq)})`);
    this.taken = true;
  }

  private async all(statements: readonly Statement[]): Promise<Row[]> {
    const rows: Row[] = [];
    for (const s of statements) rows.push(...(await this.run(s)));
    return rows;
  }

  /** The nodes this write wrote or moved an actor from or into: the store refreshes their name keys (CypherStore.derive). */
  writtenNodes(): string[] {
    return [...this.written, ...this.moved];
  }

  /** The claims this write wrote (inserted, upserted, replaced): the store settles their `contested` (CypherStore.derive). */
  writtenClaims(): string[] {
    return [...this.written].filter((id) => labelOfId(id) === 'Claim');
  }

  /** A read of ids: those this write wrote in the batches a read inside a write may name them in (dialect.idsPerReadInWrite), the others at once. */
  private async byIds(ids: readonly string[], statement: (batch: string[]) => Statement): Promise<Row[]> {
    const unique = [...new Set(ids)];
    const others = unique.filter((id) => !this.written.has(id));
    const own = unique.filter((id) => this.written.has(id));
    const rows: Row[] = [];
    for (const batch of [others, ...w.batches(own, this.d.idsPerReadInWrite)]) if (batch.length > 0) rows.push(...(await this.run(statement(batch))));
    return rows;
  }

  async getNodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<WholeRecordOf<L> | null>> {
    if (ids.length === 0) return [];
    const rows = await this.byIds(ids, (batch) => q.nodesByIds(this.d, label, batch, true));
    const byId = new Map(rows.map((r) => {
      const node = record<WholeRecordOf<L>>(r.node);
      return [node.id, node] as const;
    }));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async claimsWithRelations(ids: readonly string[]): Promise<ClaimData[]> {
    if (ids.length === 0) return [];
    const rows = await this.byIds(ids, (batch) => c.claimsWithRelations(this.d, batch));
    const refs = await this.byIds(ids, (batch) => c.referencesOf(this.d, batch));
    // By id, as one statement orders them: the ids a write wrote come in statements of their own.
    return rows.map((r) => {
      const { label: _label, ...claim } = record<ClaimRecord>(r.node);
      return {
        ...claim, claimant: text(r.claimant), source: text(r.source), about: ((r.about as unknown[]) ?? []).map(text).sort(),
        refersTo: refs.filter((x) => x.claim === claim.id).map((x) => ({ claim: text(x.other), relation: x.kind as never, explanation: text(x.explanation) })),
      };
    }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async analysisInput(scope: AnalysisScope): Promise<AnalysisInput> {
    const statement = scope.all ? q.analysableClaims(this.d) : c.scopeClaims(this.d, scope);
    const claims = statement ? await this.run(statement) : [];
    const [parents, names, memberships, publishers, restatements, stated] = [
      await this.run(q.placeParents()), await this.run(q.displayNames(this.d)), await this.run(q.actorMemberships()),
      await this.run(q.sourcePublishers()), await this.run(q.restatements()), await this.run(q.statedLinks('CORROBORATES')),
    ];
    // Origins of the claims whose links this write can assess: those in scope, and the ends of the
    // stated corroborations, assessed too even when they have no figure.
    const inScope = new Set(claims.map((r) => text((r.node as NodeValue).properties.id)));
    const missing = [...new Set(stated.flatMap((r) => [text(r.fromId), text(r.toId)]))].filter((id) => !inScope.has(id));
    const origins = missing.length > 0 ? await this.run(c.originsOf(this.d, missing)) : [];
    return analysisInputOf({ claims, parents, names, memberships, publishers, restatements, origins, stated });
  }

  async derivedLinksOf(claimIds: readonly string[] | 'all'): Promise<TypedLink[]> {
    if (claimIds.length === 0) return [];
    const out: TypedLink[] = [];
    for (const type of LINK_TYPES) for (const r of await this.run(c.linksTouching(type, claimIds, true))) out.push({ ...linkOf(r), type });
    return out;
  }

  async statedCorroborationsOf(claimIds: readonly string[] | 'all'): Promise<LinkData[]> {
    return this.statedLinksOf('CORROBORATES', claimIds);
  }

  async statedLinksOf(type: LinkType, claimIds: readonly string[] | 'all'): Promise<LinkData[]> {
    if (claimIds.length === 0) return [];
    return (await this.run(c.linksTouching(type, claimIds, false))).map(linkOf);
  }

  async moveActor(from: string, into: string): Promise<void> {
    this.touched.add(from).add(into);
    this.moved.add(from).add(into);
    await this.all(c.moveActor(from, into));
  }

  upsert(graph: GraphData): Promise<void> {
    return this.write(graph, false);
  }

  insert(graph: GraphData): Promise<void> {
    return this.write(graph, true);
  }

  private async write(graph: GraphData, fresh: boolean): Promise<void> {
    // Claims new to the store have no subjects before; others may leave some (a rank, a date changed).
    if (!fresh) await subjectsBefore(this.run, this.d, graph.claims.map((c) => c.id).filter((id) => !this.written.has(id)), this.touched);
    scopeOfGraph(graph, this.touched);
    for (const id of nodeIds(graph)) this.written.add(id);
    const links = linkRows(graph);
    await this.all([
      ...w.entityStatements(this.d, graph, fresh),
      ...links.flatMap(([type, rows]) => w.deleteLinks(this.d, type, rows)),
      ...links.flatMap(([type, rows]) => w.createLinks(this.d, type, rows)),
    ]);
  }

  async replaceClaim(claim: ClaimData): Promise<void> {
    // The subjects it leaves keep a digest that counted it: theirs are refreshed too. One id: an equality, right even for a claim this write added.
    await subjectsBefore(this.run, this.d, [claim.id], this.touched);
    for (const s of claim.about) this.touched.add(s);
    this.written.add(claim.id);
    await this.all(c.detachClaim(claim.id));
    // REFERS_TO stays: references are added by linkClaims-like writes, never dropped by an edit.
    await this.all(w.entityStatements(this.d, { actors: [], places: [], events: [], sources: [], claims: [{ ...claim, refersTo: [] }], contradictions: [], corroborations: [] }));
  }

  async deleteDerivedLinks(claimIds: readonly string[] | 'all'): Promise<void> {
    if (claimIds === 'all') for (const type of LINK_TYPES) await this.run(w.deleteDerivedLinks(type));
    else if (claimIds.length > 0) for (const type of LINK_TYPES) await this.run(c.deleteDerivedLinksTouching(type, claimIds));
  }

  async writeLinks(links: readonly TypedLink[]): Promise<void> {
    for (const type of LINK_TYPES) {
      const rows = links.filter((l) => l.type === type).map(asLinkRow);
      if (rows.length === 0) continue;
      await this.all([...w.deleteLinks(this.d, type, rows), ...w.createLinks(this.d, type, rows)]);
    }
  }

  async recordChange(change: ChangeRecord): Promise<void> {
    if (change.targets.length === 0) throw new Error('A change names at least one node it touched');
    await this.all(c.recordChange(change));
  }
}

export type { LinkType };
