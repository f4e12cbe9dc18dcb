import { describe, expect, it } from 'vitest';
import { matchRoute, mountedAt, servedRoutes, type RouteTable } from './route-table.js';

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

describe('mountedAt and servedRoutes', () => {
  it('prefix a table with where its router is mounted, the root adding nothing', () => {
    expect(mountedAt('/v1', { '/models': ['GET'] })).toEqual({ '/v1/models': ['GET'] });
    expect(mountedAt('/', { '/api/ask': ['POST'] })).toEqual({ '/api/ask': ['POST'] });
  });

  it('merge the mounted tables, a path served by two routers getting the methods of both', () => {
    const mounts: { at: string; routes: RouteTable }[] = [
      { at: '/api', routes: { '/documents': ['GET'] } },
      { at: '/api', routes: { '/documents': ['POST', 'DELETE'] } },
      { at: '/', routes: { '/metrics': ['GET'] } },
    ];
    expect(servedRoutes(mounts)).toEqual({ '/api/documents': ['GET', 'POST', 'DELETE'], '/metrics': ['GET'] });
    expect(servedRoutes(mounts.slice(0, 1))).toEqual({ '/api/documents': ['GET'] });
  });
});
