/** JSON kept in a text column, the same on SQLite and PostgreSQL. `null`/`undefined` become SQL NULL. */
export function toJsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/** The stored value, or undefined when the column is NULL or does not hold JSON (a damaged row is data we do not have). */
export function fromJsonText(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
