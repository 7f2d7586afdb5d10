/**
 * A deterministic synthetic corpus for the scale benchmark: the same size and seed always give
 * the same graph. Its shape follows the real one: articles of about a dozen claims, claimants and
 * places drawn from heavy-tailed (Zipf) distributions so a few (ISW, the ministries; Kursk,
 * Pokrovsk) take a large share, about one claim in twelve with a figure and one in twenty-five a
 * categorical assertion, so the analysis rules have work to do. Every quote is found verbatim in
 * its article, so the graph passes validateGraph like the seed.
 */
import type {
  ActorData, ClaimData, EventData, GraphData, MeasureKind, PlaceData, SourceData, Topic, Unit,
} from '../src/domain/model.js';

/** mulberry32: small, fast and good enough for sampling. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws indexes 0..n-1 with weight 1/(rank+1)^s. */
function zipf(n: number, s: number, rnd: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const OBLASTS = [
  'Donetsk', 'Kharkiv', 'Zaporizhzhia', 'Luhansk', 'Kherson', 'Dnipropetrovsk', 'Sumy', 'Kyiv', 'Mykolaiv',
  'Odesa', 'Chernihiv', 'Poltava', 'Lviv', 'Zhytomyr', 'Vinnytsia', 'Cherkasy', 'Kirovohrad', 'Khmelnytskyi',
  'Rivne', 'Volyn', 'Ternopil', 'Ivano-Frankivsk', 'Zakarpattia', 'Chernivtsi',
];
const RUSSIAN_OBLASTS = ['Kursk', 'Belgorod', 'Bryansk'];
const RAIONS_PER_OBLAST = 5;

const TOPIC_WEIGHTS: Array<[Topic, number]> = [
  ['TERRITORY', 30], ['OPERATIONS', 25], ['CASUALTIES', 12], ['STRATEGY', 8], ['DIPLOMACY', 7], ['MILITARY_AID', 5],
  ['WEAPONS_POLICY', 3], ['FOREIGN_FORCES', 2], ['FORECAST', 3], ['HUMANITARIAN', 3], ['POLITICS', 1], ['PRISONERS', 1],
];

const FIGURES: Array<{ kind: MeasureKind; unit: Unit; words: string; max: number }> = [
  { kind: 'TERRITORY_CAPTURED', unit: 'SQUARE_KILOMETERS', words: 'square kilometres captured', max: 1500 },
  { kind: 'PERSONNEL_LOSSES', unit: 'PEOPLE', words: 'soldiers lost', max: 50000 },
  { kind: 'KILLED', unit: 'PEOPLE', words: 'soldiers killed', max: 20000 },
  { kind: 'TERRITORY_CONTROLLED', unit: 'SQUARE_KILOMETERS', words: 'square kilometres held', max: 3000 },
  { kind: 'ADVANCE_RATE', unit: 'SQUARE_KILOMETERS_PER_DAY', words: 'square kilometres a day', max: 40 },
];

const VERBS = ['advanced near', 'repelled assaults near', 'struck positions near', 'reinforced', 'shelled', 'counterattacked near'];
const FIRST_DAY = Date.UTC(2022, 1, 24);
const DAYS = 1400;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export interface CorpusShape {
  claims: number;
  seed?: number;
}

/** Counts of each kind of node for a corpus of `claims` claims (fan-out grows sub-linearly, places are capped as real geography is). */
export function corpusShape(claims: number) {
  return {
    sources: Math.max(1, Math.ceil(claims / 12)),
    media: 30 + Math.floor(claims / 5000),
    units: 20 + Math.min(2000, Math.floor(claims / 1000)),
    people: 30 + Math.min(5000, Math.floor(claims / 500)),
    settlements: Math.min(30_000, Math.max(100, Math.floor(claims / 30))),
    events: 10 + Math.floor(claims / 5000),
  };
}

export function syntheticCorpus({ claims: claimCount, seed = 1 }: CorpusShape): GraphData {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const shape = corpusShape(claimCount);

  // Actors: two states at war and their institutions, then long tails of units, people and media.
  const actors: ActorData[] = [];
  const actor = (id: string, name: string, kind: ActorData['kind'], memberOf: string[] = [], aliases: string[] = []) => {
    actors.push({ id, name, kind, aliases, description: null, memberOf });
    return id;
  };
  const russia = actor('actor:russia', 'Russia', 'STATE');
  const ukraine = actor('actor:ukraine', 'Ukraine', 'STATE');
  const sides = [russia, ukraine];
  const institutions = [
    actor('actor:isw', 'Institute for the Study of War', 'THINK_TANK', [], ['ISW']),
    actor('actor:ru-mod', 'Russian Ministry of Defence', 'GOVERNMENT_BODY', [russia]),
    actor('actor:ua-general-staff', 'General Staff of the Armed Forces of Ukraine', 'MILITARY', [ukraine]),
    actor('actor:ua-mod', 'Ukrainian Ministry of Defence', 'GOVERNMENT_BODY', [ukraine]),
    actor('actor:kremlin', 'Kremlin', 'GOVERNMENT_BODY', [russia]),
    actor('actor:office-of-president-ua', 'Office of the President of Ukraine', 'GOVERNMENT_BODY', [ukraine]),
    actor('actor:deepstate', 'DeepState', 'GROUP'),
    actor('actor:uk-defence-intelligence', 'UK Defence Intelligence', 'GOVERNMENT_BODY'),
  ];
  const units: string[] = [];
  for (let i = 0; i < shape.units; i++) {
    const side = sides[i % 2]!;
    units.push(actor(`actor:unit-${i}`, `${side === russia ? 'Russian' : 'Ukrainian'} Brigade ${i + 1}`, 'MILITARY', [side]));
  }
  const people: string[] = [];
  for (let i = 0; i < shape.people; i++) people.push(actor(`actor:person-${i}`, `Spokesperson ${i + 1}`, 'PERSON', [sides[i % 2]!]));
  const media: string[] = [];
  for (let i = 0; i < shape.media; i++) media.push(actor(`actor:media-${i}`, `Newswire ${i + 1}`, 'MEDIA'));
  // Institutions first: the Zipf head is ISW and the ministries, as in real coverage.
  const claimants = [...institutions, ...units.slice(0, 10), ...people.slice(0, 20), ...units.slice(10), ...people.slice(20)];
  const drawClaimant = zipf(claimants.length, 1.1, rnd);

  // Places: two countries, their oblasts, five raions each, and settlements spread over the raions.
  const places: PlaceData[] = [
    { id: 'place:ukraine', name: 'Ukraine', kind: 'COUNTRY', aliases: [], partOf: [] },
    { id: 'place:russia', name: 'Russian Federation', kind: 'COUNTRY', aliases: [], partOf: [] },
  ];
  const oblasts: string[] = [];
  const raions: string[] = [];
  for (const [country, names] of [['place:ukraine', OBLASTS], ['place:russia', RUSSIAN_OBLASTS]] as const) {
    for (const name of names) {
      const id = `place:${slug(name)}-oblast`;
      places.push({ id, name: `${name} Oblast`, kind: 'REGION', aliases: [name], partOf: [country] });
      oblasts.push(id);
      for (let r = 1; r <= RAIONS_PER_OBLAST; r++) {
        const raion = `${id}-raion-${r}`;
        places.push({ id: raion, name: `${name} Raion ${r}`, kind: 'DISTRICT', aliases: [], partOf: [id] });
        raions.push(raion);
      }
    }
  }
  const settlements: string[] = [];
  for (let i = 0; i < shape.settlements; i++) {
    const id = `place:settlement-${i}`;
    places.push({ id, name: `Settlement ${i + 1}`, kind: i % 10 === 0 ? 'TOWN' : 'VILLAGE', aliases: [], partOf: [pick(raions)] });
    settlements.push(id);
  }
  // The front: Donetsk and Kursk oblasts head the place distribution, then the other oblasts, then settlements.
  const hot = ['place:donetsk-oblast', 'place:kursk-oblast', 'place:kharkiv-oblast', 'place:zaporizhzhia-oblast'];
  const placeOrder = [...hot, ...oblasts.filter((o) => !hot.includes(o)), ...settlements];
  const drawPlace = zipf(placeOrder.length, 1.0, rnd);
  const nameOf = new Map<string, string>([...actors, ...places].map((n) => [n.id, n.name]));

  const events: EventData[] = [];
  for (let i = 0; i < shape.events; i++) {
    const where = placeOrder[drawPlace()]!;
    const start = iso(FIRST_DAY + Math.floor(rnd() * DAYS) * 86_400_000);
    events.push({
      id: `event:operation-${i}`, name: `Operation ${i + 1}`, kind: i % 3 === 0 ? 'OFFENSIVE' : 'BATTLE', aliases: [],
      description: null, occurredIn: [where], participants: [pick(sides)], start: { value: start, precision: 'DAY' }, end: null,
    });
  }

  const topicTotal = TOPIC_WEIGHTS.reduce((t, [, w]) => t + w, 0);
  const drawTopic = (): Topic => {
    let x = rnd() * topicTotal;
    for (const [topic, w] of TOPIC_WEIGHTS) if ((x -= w) < 0) return topic;
    return 'TERRITORY';
  };

  const sources: SourceData[] = [];
  const claims: ClaimData[] = [];
  let claimIndex = 0;
  for (let s = 0; claimIndex < claimCount; s++) {
    const sourceId = `source:synthetic-${s}`;
    const day = FIRST_DAY + Math.floor(rnd() * DAYS) * 86_400_000;
    const published = iso(day);
    const title = `Front-line report ${s + 1} of ${published}`;
    let text = `${title}\n\n`;
    const count = Math.min(claimCount - claimIndex, 6 + Math.floor(rnd() * 13));
    for (let k = 0; k < count; k++, claimIndex++) {
      const id = `claim:synthetic-${claimIndex}`;
      // One claim in ten is the article speaking in its own voice.
      const claimant = rnd() < 0.1 ? sourceId : claimants[drawClaimant()]!;
      const who = claimant === sourceId ? 'The report' : nameOf.get(claimant)!;
      const place = placeOrder[drawPlace()]!;
      const where = nameOf.get(place)!;
      const side = pick(sides);
      const about = [place];
      if (rnd() < 0.3 && claimant !== side) about.push(side);
      if (rnd() < 0.05) about.push(events[Math.floor(rnd() * events.length)]!.id);
      const topic = drawTopic();
      const base: ClaimData = {
        id, source: sourceId, claimant, statement: '', quote: '', quoteStart: 0, quoteEnd: 0, about, topic,
        stance: 'ASSERTS', hedged: rnd() < 0.2, statedAt: { value: published, precision: 'DAY' },
        period: null, quantity: null, measure: null, assertion: null,
      };
      const roll = rnd();
      if (roll < 0.08) {
        const f = pick(FIGURES);
        const month = published.slice(0, 7);
        const value = Math.max(1, Math.round(rnd() * f.max));
        const qualifier = rnd() < 0.5 ? 'EXACT' : 'APPROXIMATELY';
        const number = `${qualifier === 'APPROXIMATELY' ? 'about ' : ''}${value} ${f.words}`;
        base.quote = `${who} reported ${number} by ${nameOf.get(side)} in ${where} in ${month}`;
        base.statement = `${who} reports ${number} by ${nameOf.get(side)} in ${where} in ${month}.`;
        base.topic = f.kind.startsWith('TERRITORY') || f.kind === 'ADVANCE_RATE' ? 'TERRITORY' : 'CASUALTIES';
        base.quantity = { value, unit: f.unit, qualifier, text: number };
        base.measure = { kind: f.kind, side, place };
        base.period = { start: { value: month, precision: 'MONTH' }, end: { value: month, precision: 'MONTH' } };
      } else if (roll < 0.12) {
        const holds = rnd() < 0.85;
        const predicate = rnd() < 0.6 ? 'CONTROLS' : 'ADVANCING';
        const clause = `${nameOf.get(side)} ${holds ? '' : 'no longer '}${predicate === 'CONTROLS' ? 'controls' : 'is advancing in'} ${where}`;
        base.quote = `${who} said ${clause}`;
        base.statement = `${who} says ${clause}.`;
        base.topic = 'TERRITORY';
        base.assertion = { predicate, subject: place, side, holds };
        base.stance = rnd() < 0.05 ? 'DENIES' : 'ASSERTS';
      } else {
        const verb = pick(VERBS);
        base.quote = `${who} said forces of ${nameOf.get(side)} ${verb} ${where}`;
        base.statement = `${who} says forces of ${nameOf.get(side)} ${verb} ${where}.`;
      }
      base.quoteStart = text.length;
      text += base.quote;
      base.quoteEnd = text.length;
      text += '. ';
      claims.push(base);
    }
    sources.push({
      id: sourceId, title, file: null, text, publisher: pick(media), language: 'en',
      publishedOn: { value: published, precision: 'DAY' }, description: null,
    });
  }
  return { actors, places, events, sources, claims, contradictions: [], corroborations: [] };
}
