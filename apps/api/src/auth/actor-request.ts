import type { Request } from 'express';
import type { Actor } from '@agrilink/core';

/** A request as the auth guard leaves it: the verified actor and session, when a token came. */
export interface ActorRequest extends Request {
  actor?: Actor;
  authSessionId?: string;
}
