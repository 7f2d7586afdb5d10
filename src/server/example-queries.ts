/**
 * The README's example queries, by operation name, in the README's order: the GraphQL explorer
 * opens each in a tab. A copy, so the server never reads the README; test/api/explorer.test.ts
 * fails when the two differ.
 */
export interface ExampleQuery {
  name: string;
  query: string;
}

export const exampleQueries: readonly ExampleQuery[] = [
  {
    name: 'WhoClaimedWhatAboutKursk',
    query: `query WhoClaimedWhatAboutKursk {
  claims(filter: { about: "Kursk" }) {
    totalCount
    nodes {
      statement
      quote
      claimant { name }
      source { title }
      contradictedBy { statement claimant { name } }
    }
  }
}
`,
  },
  {
    name: 'TerritoryConflicts',
    query: `query TerritoryConflicts {
  claims(filter: { contested: true, topic: [TERRITORY] }, orderBy: STATED_ASC) {
    nodes {
      id
      statement
      claimant { name }
      quantity { value unit qualifier }
      period { start { value precision } end { value precision } }
      contradictions { kind explanation direction claim { id claimant { name } } }
    }
  }
}
`,
  },
  {
    name: 'Spellings',
    query: `query Spellings {
  vovtyansk: place(name: "Vovtyansk") { id name aliases ancestors { name } }
  syrsky: actor(name: "syrsky") {
    name
    memberOf { name memberOf { name } }
    claims { totalCount nodes { statement hedged } }
  }
}
`,
  },
  {
    name: 'RegionsSeasonsVagueAmounts',
    query: `query RegionsSeasonsVagueAmounts {
  donbas: place(name: "Донбас") {
    name
    partOf { name }
    parts { name partOf { name } }
    claims { totalCount }
  }
  autumn: claim(id: "claim:source001-most-gains-in-autumn") {
    statement
    period { start { value precision earliest latest } }
  }
  thousands: claim(id: "claim:ukraine-north-koreans-injured-killed-kursk") {
    statement
    quantity { value qualifier text vague }
  }
}
`,
  },
  {
    name: 'Neighbourhood',
    query: `query Neighbourhood {
  place(name: "Donetsk Oblast") {
    name
    partOf { name }
    parts { name }
    claims(first: 3, filter: { claimant: ["ISW"] }) {
      totalCount
      edges { cursor node { statement source { title } } }
      pageInfo { hasNextPage endCursor }
    }
  }
  node(id: "actor:belousov") {
    id
    ... on Actor { name memberOf { name } claims { nodes { statement } } }
  }
}
`,
  },
  {
    name: 'WhoContradictsSyrskyi',
    query: `query WhoContradictsSyrskyi {
  neighbourhood(of: ["Syrskyi"], depth: 3, relationships: [MADE, CONTRADICTS, CORROBORATES], limit: 100) {
    nodes {
      __typename
      id
      ... on Actor { name }
      ... on Claim { statement }
    }
    edges { id type source target kind explanation }
    truncated
  }
}
`,
  },
  {
    name: 'TerritoryDisputes',
    query: `query TerritoryDisputes {
  disputes(about: "Ukraine", topic: [TERRITORY]) {
    topic
    contested
    positions { summary holders { name } sources { title } }
  }
}
`,
  },
  {
    name: 'Corroborations',
    query: `query Corroborations {
  losses: claim(id: "claim:ukraine-427000-russian-losses-2024") {
    claimant { name }
    corroborations { claim { claimant { name } } rule independent dependence }
  }
  avdiivka: disputes(about: "Avdiivka") { topic positions { summary independentSources } }
  agreement(a: "ISW", b: "Kastehelmi") { agreeing independentAgreements }
}
`,
  },
];
