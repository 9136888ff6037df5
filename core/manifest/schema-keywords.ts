/** pinsync's annotation on a property: `own` (never sent to Pinpoint), `server-managed` (refused). */
export const ROLE = 'x-pinsync-role';
/** Keywords of pinsync's own in the schema, which the validator must know as annotations. */
export const PINSYNC_KEYWORDS = [ROLE] as const;
