/**
 * Whether two corroborating claims come from independent origins. Agreement counts only as often as
 * there are origins: Ukraine's 427,000 Russian losses and Syrskyi's "exceeded 420,000" agree, but
 * Syrskyi commands Ukraine's armed forces, so it is one origin speaking twice, not two confirming
 * each other. Two claims are dependent, with the first reason that applies, when:
 * - one claimant makes both;
 * - one claim restates the other (an article says so: REFERS_TO with the relation RESTATES);
 * - the same organisation publishes both: two sources speaking in their own voice with one
 *   publisher, or a source and its publisher (a source speaks for its publisher);
 * - both are the same side: one claimant is within the other through memberOf (Syrskyi within the
 *   Armed Forces of Ukraine, within Ukraine), or both are within one state or organisation.
 * Otherwise they are independent. Pure: it sees claimants, sources and the membership graph.
 */
import { capitalised, displayName } from './analysis.js';

/** Who made a claim and where it was reported. */
export interface Origin {
  claimant: string;
  source: string;
}

export interface IndependenceContext {
  /** Who made each claim and where, by claim id. */
  originOf: ReadonlyMap<string, Origin>;
  /** Each actor's organisations (memberOf), for actors that belong to any. */
  memberOf: ReadonlyMap<string, readonly string[]>;
  /** Each source's publisher, for sources that name one. */
  publisherOf: ReadonlyMap<string, string>;
  /** For each claim that restates others (its article says so), the claims it restates. */
  restates: ReadonlyMap<string, readonly string[]>;
  /** Display names of actors and sources, by id. */
  nameOf: ReadonlyMap<string, string>;
}

export interface Independence {
  /** null when either claim's origin is unknown. */
  independent: boolean | null;
  /** Why the claims are not independent; null when they are. */
  dependence: string | null;
}

/**
 * The organisations an actor lies within through memberOf, each once, nearest first, each with the
 * organisations between (Syrskyi: Armed Forces of Ukraine with [], Ukraine with [Armed Forces of
 * Ukraine]). A breadth-first walk: no organisation is visited twice, so a cycle ends it.
 */
function within(actor: string, memberOf: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let level = [{ id: actor, path: [] as string[] }]; level.length > 0;) {
    const next: typeof level = [];
    for (const { id, path } of level) {
      for (const parent of memberOf.get(id) ?? []) {
        if (parent === actor || out.has(parent)) continue;
        out.set(parent, path);
        next.push({ id: parent, path: [...path, parent] });
      }
    }
    level = next;
  }
  return out;
}

/**
 * A function telling whether two claims (by id) are independent, and why not. Ancestries are
 * computed once per actor, so assessing every corroboration of a large graph stays linear.
 */
export function independenceOf(ctx: IndependenceContext): (a: string, b: string) => Independence {
  const ancestries = new Map<string, Map<string, string[]>>();
  const ancestry = (actor: string) => {
    let found = ancestries.get(actor);
    if (!found) ancestries.set(actor, (found = within(actor, ctx.memberOf)));
    return found;
  };
  const name = (id: string) => displayName(ctx.nameOf, id);
  const restates = (a: string, b: string) => ctx.restates.get(a)?.includes(b) ?? false;

  return (a, b) => {
    const oa = ctx.originOf.get(a);
    const ob = ctx.originOf.get(b);
    if (!oa || !ob) return { independent: null, dependence: null };
    const dependent = (why: string): Independence => ({ independent: false, dependence: capitalised(why) });
    const [ca, cb] = [oa.claimant, ob.claimant];
    if (ca === cb) return dependent(`${name(ca)} makes both claims.`);
    for (const [x, y, cx, cy] of [[a, b, ca, cb], [b, a, cb, ca]] as const) {
      if (restates(x, y)) return dependent(`the claim of ${name(cx)} restates that of ${name(cy)}, as its article says.`);
    }

    // A source speaking in its own voice speaks for its publisher, if it names one.
    const voice = (claimant: string) => ctx.publisherOf.get(claimant) ?? claimant;
    const [va, vb] = [voice(ca), voice(cb)];
    if (va === vb) {
      if (va !== ca && vb !== cb) return dependent(`${name(ca)} and ${name(cb)} are both published by ${name(va)}.`);
      const [source, publisher] = va !== ca ? [ca, cb] : [cb, ca];
      return dependent(`${name(source)} is published by ${name(publisher)}.`);
    }
    const published = [ca, cb].filter((c) => voice(c) !== c).map((c) => ` (${name(c)} is published by ${name(voice(c))})`).join('');
    for (const [inner, outer, ci, co] of [[va, vb, ca, cb], [vb, va, cb, ca]] as const) {
      const path = ancestry(inner).get(outer);
      if (path) {
        const through = path.length > 0 ? `, through ${path.map(name).join(', ')}` : '';
        return dependent(`${name(ci)} and ${name(co)} are the same side: ${name(inner)} is within ${name(outer)}${through}${published}.`);
      }
    }
    const outerB = ancestry(vb);
    const common = [...ancestry(va).keys()].find((org) => outerB.has(org));
    if (common) return dependent(`${name(ca)} and ${name(cb)} are the same side: both are within ${name(common)}${published}.`);
    return { independent: true, dependence: null };
  };
}
