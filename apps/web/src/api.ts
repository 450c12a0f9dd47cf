// A small fetch wrapper: JSON in and out, the bearer token from the session, server errors as ApiError.
export interface SessionUser {
  id?: string;
  email: string;
  role: 'admin' | 'staff' | 'cooperative' | 'buyer' | 'transport' | 'agency';
  organizationId: string | null;
  totpEnabled?: boolean;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

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
    readonly raw: unknown = undefined,
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

async function send<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const session = getSession();
  // The server words its errors in the language the UI shows.
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': localStorage.getItem('agrilink.lang') === 'en' ? 'en' : 'vi' };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : multipart ? body : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status === 401 && session && !retried && !/^\/auth\/(login|refresh|logout)\b/.test(path)) {
    // The access token lives 15 minutes: trade the refresh token once, then retry.
    if (await refreshSession(session)) return send<T>(method, path, body, true);
    setSession(null);
    window.dispatchEvent(new Event('agrilink:session'));
  }
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    // Field errors come as a list; a conflict or a refusal names its one field in an object.
    const details = Array.isArray(data?.details)
      ? (data.details as FieldError[])
      : typeof data?.details?.field === 'string'
        ? [{ field: data.details.field, message: data.message ?? res.statusText } as FieldError]
        : [];
    const retryAfter = Number(res.headers.get('Retry-After'));
    throw new ApiError(res.status, data?.code ?? `HTTP.${res.status}`, data?.message ?? res.statusText, details, data?.details, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
  }
  return data as T;
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
      const fresh = await send<Session>('POST', '/auth/refresh', { refreshToken: session.refreshToken }, true);
      setSession({ ...fresh, user: fresh.user ?? session.user });
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
  if (session) await send<null>('POST', '/auth/logout', { refreshToken: session.refreshToken }, true).catch(() => null);
  setSession(null);
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string, q?: Query) => send<T>('GET', path + queryString(q)),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, body),
  del: (path: string) => send<null>('DELETE', path),
  /** multipart/form-data (the browser sets the boundary). */
  upload: <T>(path: string, form: FormData) => send<T>('POST', path, form),
  uploadPut: <T>(path: string, form: FormData) => send<T>('PUT', path, form),
};

/**
 * Downloads an authenticated file (a plain link would not carry the bearer token):
 * fetch it, then save the blob under the server's file name.
 */
export async function download(path: string, fallbackName: string, retried = false): Promise<void> {
  const session = getSession();
  const res = await fetch(`/api${path}`, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} }).catch(() => {
    throw new ApiError(0, 'NETWORK', 'network');
  });
  if (res.status === 401 && session && !retried) {
    // Trade the refresh token, then try once more.
    if (await refreshSession(session)) return download(path, fallbackName, true);
  }
  if (!res.ok) {
    const data = safeJson(await res.text());
    throw new ApiError(res.status, data?.code ?? `HTTP.${res.status}`, data?.message ?? res.statusText, Array.isArray(data?.details) ? data.details : []);
  }
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
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

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Product {
  code: string;
  nameVi: string;
  nameEn: string;
  category: string;
}
