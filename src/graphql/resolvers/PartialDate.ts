import { earliestDay, latestDay } from '../../domain/dates.js';
import type { PartialDateResolvers } from '../../generated/graphql.js';

export const PartialDate: PartialDateResolvers = {
  earliest: (d) => earliestDay(d),
  latest: (d) => latestDay(d),
};
