export interface FormatOptions {
  /** Order endpoints by Id (as Pinpoint compares Ids: ignoring case). */
  readonly sort?: boolean;
}

export type FormatOutcome =
  | { readonly ok: true; readonly text: string }
  /** The file is left as it is; `offset` is where the problem is, when known. */
  | { readonly ok: false; readonly message: string; readonly offset?: number };
