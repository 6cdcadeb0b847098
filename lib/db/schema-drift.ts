/**
 * Differences between the schema shape schema.prisma implies and the one the migrations built,
 * as sentences a developer can act on. Empty means no drift.
 */
import type { SchemaShape, TableShape } from './schema-shape';

export function schemaDrift(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const name of union(Object.keys(expected), Object.keys(actual))) {
    const want = expected[name];
    const have = actual[name];
    if (!have) out.push(`table ${name}: in schema.prisma, missing from the migrations`);
    else if (!want) out.push(`table ${name}: created by the migrations, not in schema.prisma`);
    else out.push(...tableDrift(name, want, have));
  }
  return out;
}

function tableDrift(table: string, want: TableShape, have: TableShape): string[] {
  const out: string[] = [];
  for (const column of union(Object.keys(want.columns), Object.keys(have.columns))) {
    const w = want.columns[column];
    const h = have.columns[column];
    if (!h) out.push(`${table}.${column}: in schema.prisma, missing from the migrations`);
    else if (!w) out.push(`${table}.${column}: created by the migrations, not in schema.prisma`);
    else {
      if (w.type !== h.type) out.push(`${table}.${column}: type ${h.type} in the migrations, schema.prisma implies ${w.type}`);
      if (w.nullable !== h.nullable) out.push(`${table}.${column}: ${h.nullable ? 'nullable' : 'NOT NULL'} in the migrations, ${w.nullable ? 'optional' : 'required'} in schema.prisma`);
    }
  }
  if (key(want.primaryKey) !== key(have.primaryKey)) out.push(`${table}: primary key (${have.primaryKey}) in the migrations, (${want.primaryKey}) in schema.prisma`);
  out.push(...setDrift(`${table}: unique index`, want.uniques.map(key), have.uniques.map(key)));
  out.push(...setDrift(`${table}: index`, want.indexes.map(key), have.indexes.map(key)));
  const fk = (f: TableShape['foreignKeys'][number]) => `(${f.columns}) → ${f.table}(${f.refColumns})`;
  out.push(...setDrift(`${table}: foreign key`, want.foreignKeys.map(fk), have.foreignKeys.map(fk)));
  return out;
}

function setDrift(label: string, want: string[], have: string[]): string[] {
  return [
    ...want.filter((k) => !have.includes(k)).map((k) => `${label} ${k}: in schema.prisma, missing from the migrations`),
    ...have.filter((k) => !want.includes(k)).map((k) => `${label} ${k}: in the migrations, not in schema.prisma`),
  ];
}

const key = (columns: string[]) => `(${columns.join(', ')})`;
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
