/** Curfew hours of the zone a lot or request is in, as its parties see them. */
export interface ZoneCurfewView {
  zoneCode: string;
  zoneName: string;
  /** HH:MM, Việt Nam time: goods traffic may move from here… */
  allowedFrom: string;
  /** …to here (earlier than allowedFrom: the next morning). */
  allowedTo: string;
}

/** SQL for a row's zone curfew as JSON text, keyed by its derived zone code. */
export const ZONE_CURFEW_SQL = (alias: string) =>
  `SELECT json_build_object('zoneCode', z.code, 'zoneName', z.name, 'allowedFrom', to_char(z.curfew_allowed_from, 'HH24:MI'), 'allowedTo', to_char(z.curfew_allowed_to, 'HH24:MI'))::text
     FROM zones z WHERE z.code = ${alias}.zone AND z.curfew_allowed_from IS NOT NULL`;

export function zoneCurfewOf(row: { zoneCurfew?: string | null }): ZoneCurfewView | null {
  if (!row.zoneCurfew) return null;
  try {
    return JSON.parse(row.zoneCurfew) as ZoneCurfewView;
  } catch {
    return null;
  }
}
