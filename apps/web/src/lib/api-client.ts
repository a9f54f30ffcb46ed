/**
 * The one client of the API: adds the bearer token, the user's language (so the API's error messages match the
 * screen) and, for submissions, an Idempotency-Key; turns problem+json into ApiError with the field errors a form
 * shows next to its fields. Nothing else in the console calls fetch for the API.
 */
export interface FieldProblem { field: string; message: string }

export type ApiErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'rate-limited' | 'unavailable' | 'network' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly fieldErrors: FieldProblem[] = [],
    /** Seconds the API asked to wait (Retry-After on 429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(detail || title);
  }

  /** The message for one field, matched on the field's path (`subjects.0.fullName`) or its last segment. */
  forField(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

interface ClientSettings {
  token: () => string | null;
  language: () => string;
  /** Called when the API answers 401 to a request that carried a token: the session ended. */
  onSessionEnded: () => void;
}

let settings: ClientSettings = { token: () => null, language: () => 'en', onSessionEnded: () => undefined };

export function configureApiClient(next: ClientSettings): void {
  settings = next;
}

export function currentToken(): string | null {
  return settings.token();
}

export function currentLanguage(): string {
  return settings.language();
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Reused on retry of the same submission, so the API returns the first result instead of acting twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** For sign-in: a 401 there is a wrong password, not an ended session. */
  anonymous?: boolean;
  /** The media type asked for; JSON unless given (apiDownload asks for CSV: the API picks the format by Accept). */
  accept?: string;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** For downloads (CSV): the raw response, after the same error handling. */
export async function apiDownload(path: string, options: RequestOptions = {}): Promise<Blob> {
  // Errors still come back as problem+json, which send() reads whatever was asked for.
  const response = await send(path, { ...options, accept: options.accept ?? 'text/csv, application/problem+json;q=0.5' });
  return response.blob();
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', 'Accept-Language': settings.language() };
  const token = options.anonymous ? null : settings.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError('network', 0, 'network', '');
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  if (error.kind === 'unauthorized' && token) settings.onSessionEnded();
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  type ProblemBody = { title?: string; detail?: string; errors?: FieldProblem[] };
  let body: ProblemBody = {};
  try {
    body = await response.json() as ProblemBody;
  } catch {
    // A proxy's HTML page or an empty body: the status says enough.
  }
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(
    kindOf(response.status), response.status, body.title ?? response.statusText, body.detail ?? '',
    Array.isArray(body.errors) ? body.errors.map(dottedField) : [], Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}

/**
 * The API names nested fields `identifiers[0].value`; forms name their controls `identifiers.0.value`. One spelling
 * for both, so each message lands next to its own field.
 */
function dottedField(problem: FieldProblem): FieldProblem {
  return { ...problem, field: String(problem.field).replace(/\[(\d+)\]/g, '.$1') };
}

function kindOf(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'server';
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
