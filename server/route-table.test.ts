import { describe, expect, it } from 'vitest';
import { matchRoute } from './route-table.js';

describe('matchRoute', () => {
  const paths = ['/v1/models', '/v1/models/:id', '/v1/models/special'];

  it('matches fixed paths exactly and patterns one segment a parameter', () => {
    expect(matchRoute(paths, '/v1/models')).toBe('/v1/models');
    expect(matchRoute(paths, '/v1/models/docqa')).toBe('/v1/models/:id');
    expect(matchRoute(paths, '/v1/models/special')).toBe('/v1/models/special');
  });

  it('matches nothing for an empty parameter or extra segments', () => {
    expect(matchRoute(paths, '/v1/models/')).toBeUndefined();
    expect(matchRoute(paths, '/v1/models/a/b')).toBeUndefined();
    expect(matchRoute(paths, '/v2/models')).toBeUndefined();
  });
});
