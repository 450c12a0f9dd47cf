// The web app's one way to the API: a client typed by the OpenAPI document (openapi-fetch over the
// generated `paths`), so a server DTO change breaks this app's typecheck instead of a screen at run
// time. The bearer token comes from the session, an expired one is refreshed once, the server words
// its errors in the UI's language, and every refusal arrives as an ApiError.
import createClient, { type ClientPathsWithMethod, type MaybeOptionalInit, type MethodResponse } from 'openapi-fetch';
import type { components, paths } from './api/schema';

/** The server's DTOs as the OpenAPI document states them: `Schema<'ProposalCardResponse'>`. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K];
type UserView = Schema<'UserViewDto'>;
/** The signed-in user as kept in localStorage: a session saved by an older build may lack the newer fields. */
export type SessionUser = Pick<UserView, 'email' | 'role' | 'organizationId'> & Partial<UserView>;

/** What sign-in answers and the app keeps. */
export type Session = Pick<Schema<'TokenPairDto'>, 'accessToken' | 'refreshToken'> & { user: SessionUser };

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
    /** The server's `details` as sent (an object for some codes, e.g. AUTH.TOTP_SETUP_REQUIRED). */
    readonly raw?: unknown,
    /** Seconds from Retry-After on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

const SESSION_KEY = 'agrilink.session';

export function getSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(s: Session | null): void {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

export type Query = Record<string, string | number | boolean | null | undefined | string[]>;

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

const language = () => (localStorage.getItem('agrilink.lang') === 'en' ? 'en' : 'vi');
const SESSION_PATHS = /^\/api\/auth\/(login|refresh|logout)\b/;

/**
 * Every request the client sends passes here: the bearer token and the language go on, a 401 on an
 * expired access token trades the refresh token once and sends the same request again.
 */
async function sessionFetch(request: Request, retried = false): Promise<Response> {
  const session = getSession();
  request.headers.set('Accept-Language', language());
  if (session && !request.headers.has('Authorization'))
    request.headers.set('Authorization', `Bearer ${session.accessToken}`);
  // A body can be read once: keep a copy for the one retry after a refresh.
  const spare = retried || !session ? null : request.clone();
  let res: Response;
  try {
    res = await fetch(request);
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status === 401 && spare && session && !SESSION_PATHS.test(new URL(request.url).pathname)) {
    // The access token lives 15 minutes: trade the refresh token once, then retry.
    if (await refreshSession(session)) {
      spare.headers.delete('Authorization');
      return sessionFetch(spare, true);
    }
    setSession(null);
    window.dispatchEvent(new Event('agrilink:session'));
  }
  return res;
}

const client = createClient<paths, 'application/json'>({
  fetch: (request) => sessionFetch(request),
  headers: { Accept: 'application/json' },
  // Empty values stay off the URL and lists repeat their key, as the server's query DTOs expect.
  querySerializer: (q) => queryString(q as Query).slice(1),
});

/** An error body as the server's filter words it; read defensively, since a proxy may answer instead. */
interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

function toApiError(res: Response, data: ErrorBody | null): ApiError {
  const message = typeof data?.message === 'string' ? data.message : res.statusText;
  const raw = data?.details;
  // Field errors come as a list; a conflict or a refusal names its one field in an object.
  const details: FieldError[] = Array.isArray(raw)
    ? (raw as FieldError[])
    : typeof raw === 'object' && raw !== null && 'field' in raw && typeof raw.field === 'string'
      ? [{ field: raw.field, message }]
      : [];
  const retryAfter = Number(res.headers.get('Retry-After'));
  return new ApiError(
    res.status,
    typeof data?.code === 'string' ? data.code : `HTTP.${res.status}`,
    message,
    details,
    raw,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

async function settle<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response, typeof error === 'object' ? error : null);
  return data as T;
}

type Client = typeof client;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type RequiredKeys<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? never : K }[keyof T];
type InitParam<I> = RequiredKeys<I> extends never ? [I?] : [I];
/** A call by the document's path template, answering the success body (or throwing an ApiError). */
type Call<M extends Method> = <P extends ClientPathsWithMethod<Client, M>, I extends MaybeOptionalInit<paths[P], M>>(
  url: P,
  ...init: InitParam<I>
) => Promise<MethodResponse<Client, M, P, I>>;
/** The success body of `GET path`. */
export type Answer<P extends ClientPathsWithMethod<Client, 'get'>> = MethodResponse<Client, 'get', P>;
/** The paths whose GET answers a page (`items` and `total`), and a page's row. */
export type PagedPath = {
  [P in ClientPathsWithMethod<Client, 'get'>]: Answer<P> extends { items: unknown[]; total: number } ? P : never;
}[ClientPathsWithMethod<Client, 'get'>];
export type RowOf<P extends PagedPath> = Answer<P> extends { items: Array<infer R> } ? R : never;

// The typed signature is checked at each call; underneath, every method is the same settle().
function typed<M extends Method>(
  method: (url: never, init?: never) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Call<M> {
  return ((url: never, init?: never) => settle(method(url, init))) as unknown as Call<M>;
}

/**
 * A multipart body for a route whose document declares its form fields (`file`, `kind`, ...):
 * openapi-fetch sends FormData as it is and the browser sets the boundary.
 */
export function multipart(form: FormData): never {
  return form as never;
}

// Refresh tokens are single use and a second use ends the session, so parallel requests that
// all met an expired access token share one refresh.
let refreshing: Promise<boolean> | null = null;
function refreshSession(session: Session): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const current = getSession();
      // Another tab or request may have refreshed already.
      if (current && current.refreshToken !== session.refreshToken) return true;
      const fresh = await settle(client.POST('/api/auth/refresh', { body: { refreshToken: session.refreshToken } }));
      setSession(fresh);
      return true;
    } catch {
      return false;
    } finally {
      window.setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

/** Ends the session on the server too (its refresh and access tokens stop working), then here. */
export async function logout(): Promise<void> {
  const session = getSession();
  if (session)
    await settle(client.POST('/api/auth/logout', { body: { refreshToken: session.refreshToken } })).catch(() => null);
  setSession(null);
}

/** The file a GET answers (a spreadsheet, a PDF, an SVG), with the server's file name. */
export interface FileAnswer {
  blob: Blob;
  fileName: string | null;
}
type FileCall = <P extends ClientPathsWithMethod<Client, 'get'>, I extends MaybeOptionalInit<paths[P], 'get'>>(
  url: P,
  ...init: InitParam<I>
) => Promise<FileAnswer>;

async function fileOf(url: never, init?: object): Promise<FileAnswer> {
  const { data, error, response } = await client.GET(url, {
    ...init,
    parseAs: 'blob',
    headers: { Accept: '*/*' },
  } as never);
  if (!response.ok) throw toApiError(response, typeof error === 'object' ? error : null);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: (data as unknown as Blob | undefined) ?? new Blob([]), fileName: name };
}

export const api = {
  GET: typed<'get'>(client.GET),
  POST: typed<'post'>(client.POST),
  PUT: typed<'put'>(client.PUT),
  PATCH: typed<'patch'>(client.PATCH),
  DELETE: typed<'delete'>(client.DELETE),
  /** A GET that answers a file rather than JSON. */
  file: fileOf as unknown as FileCall,
};

/**
 * Saves an authenticated file (a plain link would not carry the bearer token) under the server's
 * file name: `download(api.file('/api/agency-reports/template'), 'mau.xlsx')`.
 */
export async function download(file: Promise<FileAnswer>, fallbackName: string): Promise<void> {
  const { blob, fileName } = await file;
  const name = fileName ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  try {
    a.download = decodeURIComponent(name);
  } catch {
    a.download = name;
  }
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A product of the catalogue, as GET /api/products lists it. */
export type Product = Schema<'ProductResponse'>;
