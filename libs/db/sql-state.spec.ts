import { isConnectionFailure, isDataException, isPermanentDataError, sqlStateOf } from './sql-state';

describe('SQLSTATE classification', () => {
  it.each([
    [{ code: '22021' }, '22021', true, true],
    [{ driverError: { code: '22P05' } }, '22P05', true, true],
    [{ driverError: { code: '23505' } }, '23505', false, true],
    [{ code: '57P01' }, '57P01', false, false],
    [{ code: 'ECONNREFUSED' }, 'ECONNREFUSED', false, false],
    [new Error('plain'), undefined, false, false],
    [null, undefined, false, false],
  ])('%j -> %s', (error, state, data, permanent) => {
    expect(sqlStateOf(error)).toBe(state);
    expect(isDataException(error)).toBe(data);
    expect(isPermanentDataError(error)).toBe(permanent);
  });
});

describe('connection failures', () => {
  const named = (name: string, message = '') => Object.assign(new Error(message), { name });
  it.each([
    [{ code: 'ECONNREFUSED' }, true],
    [{ code: 'EPIPE' }, true],
    [{ driverError: { code: '57P01' } }, true],
    [{ code: '57P03' }, true],
    [{ code: '08006' }, true],
    [{ code: '53300' }, true],
    [Object.assign(new Error('getaddrinfo ENOTFOUND postgres'), { code: 'ENOTFOUND' }), true],
    [{ code: 'EAI_AGAIN' }, true],
    [{ code: 'EHOSTUNREACH' }, true],
    [Object.assign(new Error('connect ENOENT /var/run/postgresql/.s.PGSQL.5432'), { code: 'ENOENT', syscall: 'connect' }), true],
    [Object.assign(new Error("ENOENT: no such file or directory, open 'dist/web/index.html'"), { code: 'ENOENT', syscall: 'open' }), false],
    [new AggregateError([Object.assign(new Error('connect ENETUNREACH ::1'), { code: 'ENETUNREACH' })]), true],
    [new AggregateError([new Error('unrelated')]), false],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [new Error('Client was closed and is not queryable'), true],
    [named('QueryRunnerProviderAlreadyReleasedError'), true],
    [named('QueryRunnerAlreadyReleasedError'), true],
    [{ code: '23505' }, false],
    [{ code: '40001' }, false],
    [new Error('relation "cases" does not exist'), false],
    [named('TypeError', 'x is not a function'), false],
    [null, false],
  ])('%j -> %s', (error, expected) => {
    expect(isConnectionFailure(error)).toBe(expected);
  });
});
