import type { Resolvers } from '../../generated/graphql.js';
import { Actor } from './Actor.js';
import { Claim, ClaimLink } from './Claim.js';
import { Mutation } from './mutations.js';
import { Subscription } from './subscription.js';
import { Query as AuditQuery } from './audit.js';
import { Claimant, Node, Subject } from './abstract.js';
import { Event } from './Event.js';
import { PartialDate } from './PartialDate.js';
import { Place } from './Place.js';
import { Query } from './Query.js';
import { Assertion, Measure } from './measure.js';
import { Agreement, ClaimPair, Dispute, Position, Query as AnalysisQuery } from './analysis.js';
import { Source } from './Source.js';
import { Query as TimelineQuery, TimelineBucket } from './timeline.js';
import { Query as SearchQuery } from './search.js';
import { DescriptionBasis } from './DescriptionBasis.js';
import { Edge, Query as GraphQuery } from './graph.js';

export const resolvers: Resolvers = {
  Query: { ...Query, ...AnalysisQuery, ...TimelineQuery, ...SearchQuery, ...GraphQuery, ...AuditQuery },
  Mutation,
  Subscription,
  ClaimLink,
  Actor, Place, Event, Source, Claim, PartialDate, Node, Claimant, Subject, ClaimPair, Position, Dispute, Agreement, Measure, Assertion, DescriptionBasis, TimelineBucket, Edge,
};
