/**
 * `column IN ('A', 'B', …)` for a fixed list of the code's own values (the CHECK constraints on
 * enum columns, a rule written in SQL). The values are quoted, not escaped: never pass input.
 */
export function sqlIn(column: string, values: readonly string[]): string {
  return `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
}
