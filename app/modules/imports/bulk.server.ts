/**
 * Multi-row INSERT … RETURNING for the import's creates and audit rows: the
 * same SQL on SQLite (3.35+) and PostgreSQL. Prisma's createMany spends most
 * of a 5,000-row import turning each row into its query; one parameterised
 * statement per batch does the same work in a fraction of the time. Dates
 * are bound as parameters, so the adapters store them exactly as Prisma does;
 * enum columns are cast on PostgreSQL (SQLite stores them as text).
 */
import { Prisma } from "../../generated/sqlite/client";
import type { Database } from "../../db.server";

type Writer = Pick<Database, "$queryRaw">;

export type CellValue = string | number | boolean | Date | null;

/** A column to insert: its name, and the enum type it holds, if any. */
export type InsertColumn = { name: string; enumType?: string };

export async function insertRows(
  tx: Writer,
  provider: "sqlite" | "postgresql",
  table: string,
  columns: readonly InsertColumn[],
  rows: CellValue[][],
  returning: readonly string[],
): Promise<Array<Record<string, unknown>>> {
  if (!rows.length) return [];
  const names = Prisma.raw(columns.map((column) => `"${column.name}"`).join(", "));
  const value = (cell: CellValue, column: InsertColumn) =>
    column.enumType && provider === "postgresql" ? Prisma.sql`CAST(${cell} AS ${Prisma.raw(`"${column.enumType}"`)})` : Prisma.sql`${cell}`;
  const values = Prisma.join(rows.map((row) => Prisma.sql`(${Prisma.join(row.map((cell, index) => value(cell, columns[index]!)))})`));
  const back = Prisma.raw(returning.map((name) => `"${name}"`).join(", "));
  return tx.$queryRaw<Array<Record<string, unknown>>>`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) VALUES ${values} RETURNING ${back}`;
}
