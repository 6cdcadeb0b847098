/**
 * A database schema reduced to what must match between schema.prisma and the migrations:
 * tables, columns (type, nullability), primary keys, unique and plain indexes (by columns, not
 * by name) and foreign keys.
 */
export interface ColumnShape {
  type: string;
  nullable: boolean;
}

export interface ForeignKeyShape {
  columns: string[];
  table: string;
  refColumns: string[];
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
  foreignKeys: ForeignKeyShape[];
}

export type SchemaShape = Record<string, TableShape>;

export function emptyTable(): TableShape {
  return { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
}
