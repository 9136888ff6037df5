// Maps a method and a path to an operation of the model. Path parameters arrive URL-encoded (the
// SDK encodes labels), so the path is split on "/" first and each segment decoded after.

import type { OperationName } from '../types.js';

export type { OperationName };

export type RouteMatch =
  | {
      readonly kind: 'operation';
      readonly operation: OperationName;
      readonly applicationId: string;
      readonly endpointId?: string;
      readonly userId?: string;
    }
  | { readonly kind: 'method-not-allowed'; readonly applicationId: string; readonly allowed: readonly string[] }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-path'; readonly message: string };

interface Route {
  /** Literal segments, or ":name" for a parameter. */
  readonly pattern: readonly string[];
  readonly methods: Readonly<Record<string, OperationName>>;
}

const ROUTES: readonly Route[] = [
  { pattern: ['v1', 'apps', ':app', 'endpoints'], methods: { PUT: 'UpdateEndpointsBatch' } },
  {
    pattern: ['v1', 'apps', ':app', 'endpoints', ':endpoint'],
    methods: { PUT: 'UpdateEndpoint', GET: 'GetEndpoint', DELETE: 'DeleteEndpoint' },
  },
  {
    pattern: ['v1', 'apps', ':app', 'users', ':user'],
    methods: { GET: 'GetUserEndpoints', DELETE: 'DeleteUserEndpoints' },
  },
];

export function matchRoute(method: string, rawUrl: string): RouteMatch {
  const pathname = rawUrl.split('?')[0]!;
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'bad-path', message: `Malformed percent-encoding in path: ${pathname}` };
  }
  for (const route of ROUTES) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    const applicationId = params.app!;
    const operation = route.methods[method];
    if (!operation) return { kind: 'method-not-allowed', applicationId, allowed: Object.keys(route.methods) };
    return { kind: 'operation', operation, applicationId, endpointId: params.endpoint, userId: params.user };
  }
  return { kind: 'not-found' };
}

/** The parameters when the segments fit the pattern; an empty parameter never fits. */
function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const part = pattern[i]!;
    const segment = segments[i]!;
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
