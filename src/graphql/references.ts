/**
 * Arguments that name a node: an id ("place:sudzha") or a name in any recorded spelling
 * ("Sudža", "kursk region"). One entity or a coded error, never a guess.
 */
import { labelOfId, looksLikeId, type NodeLabel } from '../domain/model.js';
import { closestNames, describeCandidates, nameKey, resolveName } from '../domain/names.js';
import type { NodeRecord, Prefetch, RecordOf } from '../store/GraphStore.js';
import type { Context } from './context.js';
import { badInput, notFound } from './errors.js';

const WHAT: Record<NodeLabel, string> = { Actor: 'actor', Place: 'place', Event: 'event', Source: 'source', Claim: 'claim' };

function displayName(r: NodeRecord): string {
  return r.label === 'Source' ? r.title : r.label === 'Claim' ? r.statement : r.name;
}

function describe(labels: readonly NodeLabel[]): string {
  const words = labels.map((l) => WHAT[l]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : words[0]!;
}

/** The node an id or name refers to; NOT_FOUND when none, BAD_USER_INPUT when ambiguous or of the wrong kind. */
export async function resolveReference<L extends NodeLabel>(
  ctx: Context, value: string, labels: readonly L[], argument: string, prefetch?: Prefetch,
): Promise<RecordOf<L>> {
  const text = value.trim();
  if (!text) throw badInput(`${argument} must not be empty`, argument);
  if (looksLikeId(text)) {
    const label = labelOfId(text)!;
    if (!(labels as readonly NodeLabel[]).includes(label)) {
      throw badInput(`${argument}: "${text}" is the id of a ${WHAT[label]}; expected the id or name of a ${describe(labels)}`, argument);
    }
    // An id is read in one statement with what the operation will walk from it (graphql/prefetch.ts).
    const found = await ctx.loaders.node(label, prefetch).load(text);
    if (!found) throw notFound(`${argument}: no ${WHAT[label]} has the id "${text}"`);
    return found as RecordOf<L>;
  }
  // Claims have no names: only an id can point at one.
  const named = labels.filter((l) => l !== 'Claim');
  if (named.length === 0) {
    throw badInput(`${argument}: "${text}" is not a ${describe(labels)} id (ids look like "claim:isw-752km2-2024")`, argument);
  }
  const candidates = await ctx.loaders.byNameKey(named).load(nameKey(text));
  const resolution = resolveName(candidates.map((r) => ({ id: r.id, label: r.label, name: displayName(r), record: r })));
  if (resolution.kind === 'none') return onMiss(ctx, text, named, argument) as Promise<RecordOf<L>>;
  if (resolution.kind === 'ambiguous') {
    throw badInput(`${argument}: "${text}" is ambiguous; it could be ${describeCandidates(resolution.candidates)}. Use an id or a fuller name.`, argument);
  }
  return resolution.match.record as RecordOf<L>;
}

/**
 * A name nothing is called. A source may be named by the start or a unique part of its title;
 * otherwise NOT_FOUND, with the closest names as `extensions.suggestions` ("Kursck": Kursk Oblast).
 */
async function onMiss(ctx: Context, text: string, labels: readonly NodeLabel[], argument: string): Promise<NodeRecord> {
  const index = await ctx.store.nameIndex(labels);
  if (labels.includes('Source')) {
    const part = nameKey(text);
    const titled = part.length >= 4 ? index.filter((n) => n.label === 'Source' && n.keys.some((k) => k.includes(part))) : [];
    if (titled.length === 1) {
      const found = await ctx.loaders.node('Source').load(titled[0]!.id);
      if (found) return found;
    }
    if (titled.length > 1) {
      throw badInput(`${argument}: "${text}" is part of several titles; it could be ${describeCandidates(titled)}. Use an id or more of the title.`, argument);
    }
  }
  const suggestions = closestNames(text, index).map((n) => ({ id: n.id, name: n.name }));
  const hint = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `"${s.name}" (${s.id})`).join(', ')}?` : '';
  throw notFound(`${argument}: no ${describe(labels)} is named "${text}"${hint}`, { suggestions });
}

/** Several references; each must resolve. */
export async function resolveReferences<L extends NodeLabel>(
  ctx: Context, values: readonly string[], labels: readonly L[], argument: string,
): Promise<Array<RecordOf<L>>> {
  if (values.length === 0) throw badInput(`${argument} must list at least one ${describe(labels)}`, argument);
  return Promise.all(values.map((v) => resolveReference(ctx, v, labels, argument)));
}

/**
 * The nodes an id or name stands for. A name may stand for one node of each label at once:
 * "Russia" is the state and the country, and claims about either are about Russia, as a
 * neighbourhood of Russia starts from both. Two nodes of one label are still ambiguous.
 */
export async function resolveEach<L extends NodeLabel>(
  ctx: Context, value: string, labels: readonly L[], argument: string,
): Promise<Array<RecordOf<L>>> {
  const text = value.trim();
  const named = labels.filter((l) => l !== 'Claim');
  if (!text || looksLikeId(text) || named.length === 0) return [await resolveReference(ctx, text, labels, argument)];
  const candidates = (await ctx.loaders.byNameKey(named).load(nameKey(text))) as Array<RecordOf<L>>;
  const perLabel = new Set(candidates.map((c) => c.label));
  if (candidates.length === 0 || perLabel.size !== candidates.length) return [await resolveReference(ctx, text, labels, argument)];
  return candidates;
}

/** What a claim is about, by id or name: every node the name stands for (resolveEach). */
export function resolveSubjects(ctx: Context, value: string, argument: string): Promise<Array<RecordOf<'Place' | 'Actor' | 'Event'>>> {
  return resolveEach(ctx, value, ['Place', 'Actor', 'Event'] as const, argument);
}
