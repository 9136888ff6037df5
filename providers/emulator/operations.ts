// The six endpoint operations, independent of HTTP: a matched route and a parsed body in, a status
// and a response body out. Failures are thrown as EmulatorError.

import type { EndpointItem } from '../types.js';
import { EmulatorError, badRequest } from './errors.js';
import type { RouteMatch } from './routes.js';
import { MAX_BATCH_ITEMS, MESSAGES } from './rules.js';
import type { EmulatorStore } from './store.js';
import { isPlainObject } from './validate-item.js';

export type OperationRoute = Extract<RouteMatch, { kind: 'operation' }>;

/** Where reads are answered from: the store, or what a client may see of it (visibility delay). */
export type ReadView = Pick<EmulatorStore, 'get' | 'getUser'>;

export interface OperationResult {
  readonly status: number;
  readonly body: unknown;
}

export function runOperation(
  store: EmulatorStore,
  route: OperationRoute,
  body: unknown,
  requestId: string,
  view: ReadView = store,
): OperationResult {
  const app = route.applicationId;
  const accepted: OperationResult = { status: 202, body: { Message: MESSAGES.accepted, RequestID: requestId } };
  switch (route.operation) {
    case 'UpdateEndpointsBatch': {
      store.putItems(app, readBatchItems(body), requestId);
      return accepted;
    }
    case 'UpdateEndpoint': {
      if (!isPlainObject(body)) throw badRequest('The body must be a JSON object (EndpointRequest)');
      // The path names the endpoint; an Id in the body is not part of EndpointRequest.
      store.putItems(app, [{ ...body, Id: route.endpointId! } as EndpointItem], requestId);
      return accepted;
    }
    case 'GetEndpoint':
      return { status: 200, body: view.get(app, route.endpointId!) ?? throwNotFound() };
    case 'DeleteEndpoint':
      return { status: 202, body: store.delete(app, route.endpointId!) ?? throwNotFound() };
    case 'GetUserEndpoints':
      return { status: 200, body: { Item: nonEmpty(view.getUser(app, route.userId!)) } };
    case 'DeleteUserEndpoints':
      return { status: 202, body: { Item: nonEmpty(store.deleteUser(app, route.userId!)) } };
    default: {
      const unreachable: never = route.operation;
      throw new Error(`Unhandled operation ${String(unreachable)}`);
    }
  }
}

function readBatchItems(body: unknown): EndpointItem[] {
  if (!isPlainObject(body) || !Array.isArray(body.Item)) throw badRequest(MESSAGES.missingItem);
  if (body.Item.length > MAX_BATCH_ITEMS) throw badRequest(MESSAGES.batchTooLarge);
  return body.Item as EndpointItem[];
}

/** Documented for GetUserEndpoints (and assumed for DeleteUserEndpoints): a user with no endpoints is a 404. */
function nonEmpty<T>(items: T[]): T[] {
  if (items.length === 0) throwNotFound();
  return items;
}

function throwNotFound(): never {
  throw new EmulatorError('NotFoundException', MESSAGES.notFound);
}
