/** Reads the schema shape of a live database (SQLite PRAGMAs, PostgreSQL catalogs). */
import { MIGRATIONS_TABLE } from './migrate';
import { emptyTable, type SchemaShape } from './schema-shape';
import type { SqlConnection } from './sql-connection';

export async function introspect(db: SqlConnection, pgSchema = 'public'): Promise<SchemaShape> {
  return db.provider === 'sqlite' ? introspectSqlite(db) : introspectPostgres(db, pgSchema);
}

async function introspectSqlite(db: SqlConnection): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const tables = await db.query<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${MIGRATIONS_TABLE}'`,
  );
  for (const { name } of tables) {
    const table = emptyTable();
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = await db.query<{ name: string; type: string; notnull: number; pk: number }>(`PRAGMA table_info(${quoted})`);
    for (const column of columns) table.columns[column.name] = { type: column.type.toUpperCase(), nullable: column.notnull === 0 };
    table.primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    for (const index of await db.query<{ name: string; unique: number; origin: string }>(`PRAGMA index_list(${quoted})`)) {
      if (index.origin === 'pk') continue;
      const info = await db.query<{ seqno: number; name: string }>(`PRAGMA index_info("${index.name.replace(/"/g, '""')}")`);
      const indexColumns = info.sort((a, b) => a.seqno - b.seqno).map((c) => c.name);
      (index.unique ? table.uniques : table.indexes).push(indexColumns);
    }
    const fks = await db.query<{ id: number; seq: number; table: string; from: string; to: string }>(`PRAGMA foreign_key_list(${quoted})`);
    for (const id of [...new Set(fks.map((fk) => fk.id))]) {
      const parts = fks.filter((fk) => fk.id === id).sort((a, b) => a.seq - b.seq);
      table.foreignKeys.push({ columns: parts.map((p) => p.from), table: parts[0].table, refColumns: parts.map((p) => p.to) });
    }
    shape[name] = table;
  }
  return shape;
}

async function introspectPostgres(db: SqlConnection, schema: string): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const columns = await db.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; datetime_precision: number | null }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.datetime_precision
       FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.table_name <> $2 ORDER BY c.ordinal_position`,
    [schema, MIGRATIONS_TABLE],
  );
  for (const c of columns) {
    const table = (shape[c.table_name] ??= emptyTable());
    const type = c.data_type.startsWith('timestamp') ? c.data_type.replace('timestamp', `timestamp(${c.datetime_precision})`) : c.data_type;
    table.columns[c.column_name] = { type, nullable: c.is_nullable === 'YES' };
  }
  const indexes = await db.query<{ table: string; unique: boolean; primary: boolean; columns: string[] }>(
    `SELECT t.relname AS "table", ix.indisunique AS "unique", ix.indisprimary AS "primary",
            array(SELECT a.attname::text FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o) AS "columns"
       FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE ns.nspname = $1 AND t.relname <> $2`,
    [schema, MIGRATIONS_TABLE],
  );
  for (const index of indexes) {
    const table = (shape[index.table] ??= emptyTable());
    if (index.primary) table.primaryKey = index.columns;
    else (index.unique ? table.uniques : table.indexes).push(index.columns);
  }
  const fks = await db.query<{ table: string; ref_table: string; columns: string[]; ref_columns: string[] }>(
    `SELECT t.relname AS "table", rt.relname AS "ref_table",
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS "columns",
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS "ref_columns"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class rt ON rt.oid = c.confrelid
       JOIN pg_namespace ns ON ns.oid = t.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = $1`,
    [schema],
  );
  for (const fk of fks) {
    (shape[fk.table] ??= emptyTable()).foreignKeys.push({ columns: fk.columns, table: fk.ref_table, refColumns: fk.ref_columns });
  }
  return shape;
}
