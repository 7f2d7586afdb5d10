/** Configuration: one declaration per setting gives its default, its parsing and its README row. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from '../../src/config.js';

describe('configuration', () => {
  it('uses every default when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000, host: undefined, dataDir: path.resolve('data'), kuzuBufferPoolMb: 512, kuzuCheckpointMb: 16, neo4j: undefined, seedIfEmpty: true, seedDir: path.resolve('seed'),
      defaultPageSize: 20, maxPageSize: 100, queryTimeoutMs: 10_000, requestTimeoutMs: 30_000, introspection: true,
      logLevel: 'info', approximateTolerance: 0.05,
    });
  });

  it('reads each setting from its variable, and treats an empty one as unset', () => {
    const config = loadConfig({ PORT: ' 8080 ', HOST: '127.0.0.1', INTROSPECTION: 'off', LOG_LEVEL: 'warn', APPROXIMATE_TOLERANCE: '0.1', MAX_DEPTH: '' });
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', introspection: false, logLevel: 'warn', approximateTolerance: 0.1, maxDepth: 12 });
  });

  it('groups the Neo4j settings, present only when NEO4J_URI is set', () => {
    expect(loadConfig({ NEO4J_USER: 'someone' }).neo4j).toBeUndefined();
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://x.databases.neo4j.io', NEO4J_PASSWORD: ' secret ' }).neo4j).toEqual({
      uri: 'neo4j+s://x.databases.neo4j.io', user: 'neo4j', password: ' secret ', database: 'neo4j', connectTimeoutMs: 5000, maxRetryMs: 5000,
    });
  });

  it('refuses to start with one message naming every bad key', () => {
    const load = () => loadConfig({ PORT: 'eighty', SEED_IF_EMPTY: 'maybe', LOG_LEVEL: 'loud', NEO4J_URI: 'http://x', APPROXIMATE_TOLERANCE: '2' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      'Invalid configuration:\n'
      + '  - PORT must be an integer from 0 to 65535; got "eighty"\n'
      + '  - NEO4J_URI must be a URI starting with neo4j://, neo4j+s://, bolt:// or bolt+s://; got "http://x"\n'
      + '  - SEED_IF_EMPTY must be true or false; got "maybe"\n'
      + '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"\n'
      + '  - APPROXIMATE_TOLERANCE must be a fraction from 0 up to 1; got "2"',
    );
  });

  it('leaves the digest threshold to the engine unless a number is given', () => {
    expect(loadConfig({}).claimDigestMin).toBeUndefined();
    expect(loadConfig({ CLAIM_DIGEST_MIN: ' Auto ' }).claimDigestMin).toBeUndefined();
    expect(loadConfig({ CLAIM_DIGEST_MIN: '0' }).claimDigestMin).toBe(0);
    expect(() => loadConfig({ CLAIM_DIGEST_MIN: 'some' })).toThrow('CLAIM_DIGEST_MIN must be auto, or an integer from 0 to 1000000000; got "some"');
  });

  it('checks settings against each other', () => {
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' })).toThrow('DEFAULT_PAGE_SIZE (50) must not exceed MAX_PAGE_SIZE (10)');
  });

  it('declares a distinct variable and a sentence for every setting', () => {
    const envs = Object.values(SETTINGS).map((s) => s.env);
    expect(new Set(envs).size).toBe(envs.length);
    for (const s of Object.values(SETTINGS)) expect(s.doc, s.env).toMatch(/\S.*\.$/);
  });
});
