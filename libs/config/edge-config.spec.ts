import { loadEdgeConfig } from './edge-config';

describe('loadEdgeConfig', () => {
  const saved = { ...process.env };
  afterEach(() => { process.env = { ...saved }; });
  const withEnv = (env: Record<string, string>) => {
    for (const name of ['HOST', 'TRUST_PROXY', 'STREAM_SESSION_CHECK_EVERY', 'STREAMS_PER_USER']) delete process.env[name];
    Object.assign(process.env, env);
    return loadEdgeConfig();
  };

  it('binds loopback, trusts no proxy, checks streams every 5 s and allows 5 per user by default', () => {
    expect(withEnv({})).toEqual({ host: '127.0.0.1', trustProxy: false, streamSessionCheckEveryMs: 5000, streamsPerUser: 5 });
  });

  it.each([
    [{ HOST: '0.0.0.0' }, { host: '0.0.0.0' }],
    [{ TRUST_PROXY: '10.0.0.0/8, loopback' }, { trustProxy: ['10.0.0.0/8', 'loopback'] }],
    [{ STREAM_SESSION_CHECK_EVERY: '500ms', STREAMS_PER_USER: '2' }, { streamSessionCheckEveryMs: 500, streamsPerUser: 2 }],
  ])('reads %p', (env, expected) => expect(withEnv(env)).toMatchObject(expected));

  it.each([
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY/],
    [{ TRUST_PROXY: '10.0.0.1,*' }, /TRUST_PROXY/],
    [{ STREAMS_PER_USER: '0' }, /STREAMS_PER_USER/],
    [{ STREAM_SESSION_CHECK_EVERY: '10ms' }, /STREAM_SESSION_CHECK_EVERY/],
  ])('refuses %p', (env, message) => expect(() => withEnv(env)).toThrow(message));
});
