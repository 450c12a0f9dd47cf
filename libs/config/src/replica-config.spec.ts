import { AppConfig } from './app-config';
import { validateEnv } from './validate-env';

const base = {
  JWT_SECRET: 'test-secret-0123456789abcdef',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/agrilink_test',
};

describe('read replica settings', () => {
  it('has none by default: every read on the primary, as before', () => {
    const sut = new AppConfig(validateEnv({ ...base }));
    expect(sut.databaseReplicaUrls).toEqual([]);
    expect(sut.databaseReplicaStickyMs).toBe(5000);
  });

  it('reads a comma-separated list of replicas', () => {
    const sut = new AppConfig(
      validateEnv({ ...base, DATABASE_REPLICA_URLS: ' postgres://r1:5433/db , postgresql://r2:5433/db,' }),
    );
    expect(sut.databaseReplicaUrls).toEqual(['postgres://r1:5433/db', 'postgresql://r2:5433/db']);
  });

  it('refuses an entry that is not a postgres URL, naming it', () => {
    expect(() => validateEnv({ ...base, DATABASE_REPLICA_URLS: 'postgres://r1:5433/db,mysql://r2/db' })).toThrow(
      /DATABASE_REPLICA_URLS.*mysql:\/\/r2\/db/,
    );
  });

  it('refuses replicas without DATABASE_URL: the embedded database has none', () => {
    expect(() => validateEnv({ JWT_SECRET: base.JWT_SECRET, DATABASE_REPLICA_URLS: 'postgres://r1:5433/db' })).toThrow(
      /DATABASE_REPLICA_URLS.*needs DATABASE_URL/,
    );
  });
});
