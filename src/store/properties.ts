/**
 * Records <-> flat node properties. Both databases store only scalars and lists, so dates,
 * periods and quantities are spread over several properties; this is the one place that knows how.
 */
import { earliestDay, latestDay, type DatePrecision, type PartialDate } from '../domain/dates.js';
import type {
  ActorData, ActorKind, BasisKind, ClaimData, DescriptionBasis, EventData, EventKind, MeasureKind, NodeLabel, PlaceData, PlaceKind, Predicate,
  Qualifier, Rank, SourceData, Stance, Topic, Unit,
} from '../domain/model.js';
import { nameKey, nameKeys } from '../domain/names.js';
import type { NodeRecord } from './GraphStore.js';
import { NODE_PROPERTIES } from './schema.js';

export type Props = Record<string, string | number | boolean | string[] | null>;
type Raw = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

function date(value: unknown, precision: unknown): PartialDate | null {
  return typeof value === 'string' && typeof precision === 'string'
    ? { value, precision: precision as DatePrecision }
    : null;
}

function names(name: string, aliases: readonly string[]): string[] {
  return [name, ...aliases.filter((a) => a !== name)];
}

function basisProps(b: DescriptionBasis | null | undefined): Props {
  return { basisKind: b?.kind ?? null, basisSource: b?.source ?? null, basisQuote: b?.quote ?? null };
}

function basis(p: Raw): DescriptionBasis | null {
  return typeof p.basisKind === 'string' ? { kind: p.basisKind as BasisKind, source: str(p.basisSource), quote: str(p.basisQuote) } : null;
}

export function actorProps(a: ActorData): Props {
  return {
    id: a.id, name: a.name, kind: a.kind, names: names(a.name, a.aliases),
    // A merged actor's names lead to the actor it was merged into, which took them as aliases.
    nameKeys: a.mergedInto ? null : nameKeys(a.name, a.aliases),
    description: a.description, ...basisProps(a.descriptionBasis), mergedInto: a.mergedInto ?? null,
  };
}

export function placeProps(p: PlaceData): Props {
  return {
    id: p.id, name: p.name, kind: p.kind, names: names(p.name, p.aliases), nameKeys: nameKeys(p.name, p.aliases),
    ...basisProps(p.descriptionBasis),
  };
}

export function eventProps(e: EventData): Props {
  return {
    id: e.id, name: e.name, kind: e.kind, names: names(e.name, e.aliases), nameKeys: nameKeys(e.name, e.aliases),
    description: e.description,
    startValue: e.start?.value ?? null, startPrecision: e.start?.precision ?? null,
    endValue: e.end?.value ?? null, endPrecision: e.end?.precision ?? null, ...basisProps(e.descriptionBasis),
  };
}

export function sourceProps(s: SourceData): Props {
  return {
    id: s.id, title: s.title, nameKeys: [nameKey(s.title) || s.id], file: s.file, text: s.text, language: s.language,
    publishedValue: s.publishedOn?.value ?? null, publishedPrecision: s.publishedOn?.precision ?? null,
    description: s.description, ...basisProps(s.descriptionBasis), shortName: s.shortName ?? null, url: s.url ?? null,
  };
}

export function claimProps(c: ClaimData): Props {
  const start = c.period?.start ?? null;
  const end = c.period?.end ?? null;
  return {
    id: c.id, statement: c.statement, quote: c.quote, quoteStart: c.quoteStart, quoteEnd: c.quoteEnd,
    topic: c.topic, stance: c.stance, hedged: c.hedged,
    statedValue: c.statedAt?.value ?? null, statedPrecision: c.statedAt?.precision ?? null,
    // statedFrom/statedTo let both stores filter and order on plain ISO day strings.
    statedFrom: c.statedAt ? earliestDay(c.statedAt) : null, statedTo: c.statedAt ? latestDay(c.statedAt) : null,
    periodStartValue: start?.value ?? null, periodStartPrecision: start?.precision ?? null,
    periodEndValue: end?.value ?? null, periodEndPrecision: end?.precision ?? null,
    periodFrom: start ? earliestDay(start) : null, periodTo: end ? latestDay(end) : null,
    quantityValue: c.quantity?.value ?? null, quantityUnit: c.quantity?.unit ?? null,
    quantityQualifier: c.quantity?.qualifier ?? null, quantityText: c.quantity?.text ?? null,
    quantityVague: c.quantity ? c.quantity.vague === true : null,
    measureKind: c.measure?.kind ?? null, measureSide: c.measure?.side ?? null, measurePlace: c.measure?.place ?? null,
    assertionPredicate: c.assertion?.predicate ?? null, assertionSubject: c.assertion?.subject ?? null,
    assertionSide: c.assertion?.side ?? null, assertionHolds: c.assertion?.holds ?? null,
    rank: c.rank && c.rank !== 'NORMAL' ? c.rank : null, rankReason: c.rankReason ?? null,
    claimantId: c.claimant || null, sourceId: c.source || null,
  };
}

/** Every declared property of a label, in schema order, with null for the ones a record leaves out. */
export function completeProps(label: NodeLabel, props: Props): Props {
  const out: Props = {};
  for (const [name] of NODE_PROPERTIES[label]) out[name] = props[name] ?? null;
  return out;
}

function aliases(p: Raw): string[] {
  const all = Array.isArray(p.names) ? (p.names as string[]) : [];
  return all.slice(1);
}

/**
 * Turns a node's properties, as either driver returns them, into the record of its label. Enum-valued
 * properties are cast, not checked: every write validates them against the schema's enums first.
 */
export function toRecord(label: NodeLabel, p: Raw): NodeRecord {
  switch (label) {
    case 'Actor':
      return {
        label, id: String(p.id), name: String(p.name), kind: p.kind as ActorKind, aliases: aliases(p),
        description: str(p.description), descriptionBasis: basis(p), mergedInto: str(p.mergedInto),
      };
    case 'Place':
      return { label, id: String(p.id), name: String(p.name), kind: p.kind as PlaceKind, aliases: aliases(p), descriptionBasis: basis(p) };
    case 'Event':
      return {
        label, id: String(p.id), name: String(p.name), kind: p.kind as EventKind, aliases: aliases(p),
        description: str(p.description), start: date(p.startValue, p.startPrecision), end: date(p.endValue, p.endPrecision),
        descriptionBasis: basis(p),
      };
    case 'Source':
      return {
        label, id: String(p.id), title: String(p.title), file: str(p.file), ...(p.text === undefined ? {} : { text: String(p.text ?? '') }),
        language: String(p.language ?? 'en'), publishedOn: date(p.publishedValue, p.publishedPrecision),
        description: str(p.description), descriptionBasis: basis(p), shortName: str(p.shortName), url: str(p.url),
      };
    case 'Claim': {
      const start = date(p.periodStartValue, p.periodStartPrecision);
      const end = date(p.periodEndValue, p.periodEndPrecision);
      return {
        label, id: String(p.id), statement: String(p.statement), quote: String(p.quote),
        quoteStart: num(p.quoteStart), quoteEnd: num(p.quoteEnd), topic: p.topic as Topic, stance: p.stance as Stance,
        hedged: p.hedged === true, statedAt: date(p.statedValue, p.statedPrecision),
        period: start || end ? { start, end } : null,
        quantity:
          p.quantityValue === null || p.quantityValue === undefined
            ? null
            : {
                value: num(p.quantityValue), unit: p.quantityUnit as Unit, qualifier: p.quantityQualifier as Qualifier,
                text: String(p.quantityText ?? ''), vague: p.quantityVague === true,
              },
        measure: typeof p.measureKind === 'string'
          ? { kind: p.measureKind as MeasureKind, side: str(p.measureSide), place: str(p.measurePlace) }
          : null,
        assertion: typeof p.assertionPredicate === 'string'
          ? { predicate: p.assertionPredicate as Predicate, subject: String(p.assertionSubject), side: str(p.assertionSide), holds: p.assertionHolds === true }
          : null,
        rank: (str(p.rank) ?? 'NORMAL') as Rank, rankReason: str(p.rankReason),
        claimantId: str(p.claimantId), sourceId: str(p.sourceId), contested: typeof p.contested === 'boolean' ? p.contested : null,
      };
    }
  }
}
