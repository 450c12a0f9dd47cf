export const ROLES = ['admin', 'staff', 'cooperative', 'buyer', 'transport', 'agency'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user, or anonymous (public map and product list only). */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  /** The cooperative (seller), buyer, transport operator or agency the user belongs to; null for admin and staff. */
  organizationId: string | null;
  /**
   * Staff only: the current provinces the user answers for (a Sở Công Thương's staff). Empty,
   * null or absent: national (ministry staff), as every admin is. See common/territory/province-scope.ts.
   */
  provinceCodes?: string[] | null;
}

export function isStaff(actor: Actor | null | undefined): boolean {
  return !!actor && (actor.role === 'admin' || actor.role === 'staff');
}
