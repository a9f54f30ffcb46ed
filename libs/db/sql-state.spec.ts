import { isDataException, isPermanentDataError, sqlStateOf } from './sql-state';

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
