/**
 * Expected failures are values, bugs throw (../shared/STYLE.md, "Errors").
 * `reason` is a stable code that callers branch on; `detail` is for people.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<R extends string = string> = {
  readonly ok: false;
  readonly reason: R;
  readonly detail?: string;
  readonly path?: string;
};
export type Result<T, R extends string = string> = Ok<T> | Err<R>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<R extends string>(reason: R, detail?: string, path?: string): Err<R> {
  const e: { ok: false; reason: R; detail?: string; path?: string } = { ok: false, reason };
  if (detail !== undefined) e.detail = detail;
  if (path !== undefined) e.path = path;
  return e;
}

/** Unwraps a result whose failure would be a programming error. */
export function expectOk<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new Error(`expected ok, got ${result.reason}${result.detail ? `: ${result.detail}` : ''}`);
}
