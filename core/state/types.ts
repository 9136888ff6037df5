import type { EndpointFields } from '../../providers/types.js';

export const STATE_FORMAT = 'pinsync-state/1';

/** What pinsync last applied to one endpoint: the declared fields, as declared. */
export interface StateEndpoint {
  /** The Id as declared (state is keyed by the lowercased Id, since Pinpoint's Ids ignore case). */
  readonly id: string;
  readonly applied: EndpointFields;
  /** Declared with `protect: true`: never deleted or replaced, even once gone from the manifest. */
  readonly protect?: true;
}

export interface StateApplication {
  /** Keyed by lowercased Id. */
  readonly endpoints: Readonly<Record<string, StateEndpoint>>;
}

/**
 * The state file. `lineage` names one state's history for good (a copy of another state file is
 * told apart from it); `serial` grows by one with every write, so an older copy is recognisable.
 */
export interface State {
  readonly format: typeof STATE_FORMAT;
  readonly lineage: string;
  readonly serial: number;
  readonly applications: Readonly<Record<string, StateApplication>>;
}
