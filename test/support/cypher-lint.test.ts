import { describe, it, expect } from 'vitest';
import { cypherProblems } from './cypher-lint.js';

describe('cypherProblems (Neo4j 5 / Cypher 5)', () => {
  describe('accepts valid Neo4j 5 queries', () => {
    const valid = [
      'MATCH (c:Claim) WHERE c.id IN $ids RETURN c.id AS key, c AS node',
      'UNWIND $rows AS r MERGE (c:Claim {id: r.id}) SET c += r.props',
      'MATCH (c:Claim)-[:ABOUT]->(:Place)-[:PART_OF*0..]->(t:Place {id: $id}) RETURN DISTINCT c ORDER BY c.statedFrom DESC SKIP $skip LIMIT $limit',
      'CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.id IS UNIQUE',
      // Deprecated (warning only) in 5.x but valid.
      'CALL { MATCH (n) RETURN count(n) AS c } RETURN c',
      'MATCH (a:Actor) WHERE $key IN a.nameKeys RETURN a',
      // Cartesian product is only a warning.
      'MATCH (a:Actor), (c:Claim) RETURN a, c',
      'MATCH (n) CALL (n) { RETURN n.x AS x } RETURN x',
      'CALL db.labels() YIELD label RETURN label',
      'MATCH (n:Claim {id: $id}) DETACH DELETE n',
      'MATCH (n) RETURN n;\nMATCH (m:Claim)\nRETURN m.id',
    ];
    it.each(valid)('%s', (query) => {
      expect(cypherProblems(query)).toEqual([]);
    });
  });

  describe('rejects invalid queries', () => {
    it('Kuzu DDL', () => {
      const p = cypherProblems('CREATE NODE TABLE Claim(id STRING, PRIMARY KEY(id))');
      expect(p).toHaveLength(1);
      expect(p[0]).toMatch(/Invalid input 'TABLE'/);
    });

    it('NULLS LAST (not part of Neo4j 5 ORDER BY grammar)', () => {
      expect(cypherProblems('MATCH (n:Claim) RETURN n ORDER BY n.x DESC NULLS LAST')[0]).toMatch(
        /Invalid input 'NULLS'/,
      );
    });

    it('syntax error', () => {
      expect(cypherProblems('MATCH (n RETURN n')[0]).toMatch(/Invalid input 'RETURN'.*\(line 1, column 10\)/);
    });

    it('undefined variable (semantic)', () => {
      expect(cypherProblems('RETURN undefinedVariable')).toEqual([
        'Variable `undefinedVariable` not defined (line 1, column 8)',
      ]);
      expect(cypherProblems('WITH 1 AS x WITH 2 AS y RETURN x')[0]).toMatch(/Variable `x` not defined/);
    });

    it('aggregation in an invalid place (semantic)', () => {
      expect(cypherProblems('MATCH (n) WHERE count(n) > 1 RETURN n')[0]).toMatch(
        /Invalid use of aggregating function count/,
      );
      expect(cypherProblems('MATCH (n) RETURN count(count(n))')[0]).toMatch(/aggregate functions inside of aggregate/);
      expect(cypherProblems('MATCH (n) RETURN n.x, count(*) ORDER BY n.y')[0]).toMatch(
        /not possible to access variables declared before the WITH\/RETURN/,
      );
    });

    it('query must end with RETURN or an update', () => {
      expect(cypherProblems('MATCH (n)')[0]).toMatch(/Query cannot conclude with MATCH/);
    });

    it('Cypher 25-only syntax and the CYPHER 25 prefix', () => {
      expect(cypherProblems('LET x = 1 RETURN x')[0]).toMatch(/Invalid input 'LET'/);
      expect(cypherProblems('MATCH (n) FILTER n.x > 1 RETURN n')[0]).toMatch(/Invalid input 'FILTER'/);
      expect(cypherProblems('CYPHER 25 MATCH (n) RETURN n')[0]).toMatch(/CYPHER 25 is not available/);
    });

    it('unknown functions / procedures and bad arguments', () => {
      expect(cypherProblems('RETURN list_contains([1], 1)')[0]).toMatch(/Function list_contains is not present/);
      expect(cypherProblems('RETURN toUpper(1, 2)')[0]).toMatch(/Too many parameters for function 'toUpper'/);
      expect(cypherProblems('CALL db.labels() YIELD nope RETURN nope')[0]).toMatch(/Unknown procedure output/);
      expect(cypherProblems('CALL foo.bar()')[0]).toMatch(/Procedure foo.bar is not present/);
      expect(cypherProblems('CALL foo.bar()', { checkFunctionsAndProcedures: false })).toEqual([]);
    });

    it('reports errors in every statement of a multi-statement string', () => {
      const p = cypherProblems('MATCH (n) RETURN n;\nRETURN nope');
      expect(p).toEqual(['Variable `nope` not defined (line 2, column 8)']);
    });
  });
});
