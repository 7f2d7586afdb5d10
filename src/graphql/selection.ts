/** What an operation selected under a field, so a resolver asks the store only for what is read. */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects `name` directly under it, through inline fragments and
 * named fragments too. Directives are not evaluated: `@skip` still counts as selected, which costs
 * a count, never a wrong answer.
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === name;
      if (s.kind === Kind.INLINE_FRAGMENT) return within(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = info.fragments[s.name.value];
      // An unknown fragment cannot be ruled out.
      return fragment ? within(fragment.selectionSet) : true;
    });
  return info.fieldNodes.some((f) => within(f.selectionSet));
}
