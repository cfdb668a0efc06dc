import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './unavailable.js';

const failed = (driverError: object) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('failed'), driverError));

describe('isDatabaseUnavailable', () => {
  it('knows a server that is down, restarting, overloaded or silent', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(failed({ message: 'Query read timeout' }))).toBe(true);
    expect(isDatabaseUnavailable(failed({ code: '57P01' }))).toBe(true); // pg_terminate_backend, a shutdown
    expect(isDatabaseUnavailable(failed({ code: '57014' }))).toBe(true); // statement_timeout
    expect(isDatabaseUnavailable(failed({ code: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) }))).toBe(true);
  });

  it('leaves a wrong request or a bug alone', () => {
    expect(isDatabaseUnavailable(failed({ code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(failed({ code: '42P01' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
