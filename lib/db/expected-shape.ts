/**
 * The schema shape that schema.prisma implies for one provider, from Prisma's DMMF datamodel
 * (see load-dmmf.ts). Column types are the ones Prisma itself would create for each scalar type.
 */
import { emptyTable, type SchemaShape } from './schema-shape';

/** The parts of Prisma's DMMF datamodel the comparison needs. */
export interface DmmfDatamodel {
  models: {
    name: string;
    dbName: string | null;
    primaryKey: { fields: string[] } | null;
    fields: {
      name: string;
      dbName?: string | null;
      kind: 'scalar' | 'object' | 'enum' | 'unsupported';
      type: string;
      isRequired: boolean;
      isList: boolean;
      isId: boolean;
      relationFromFields?: string[];
      relationToFields?: string[];
    }[];
  }[];
  indexes: { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: { name: string }[] }[];
}

export const COLUMN_TYPES: Record<'sqlite' | 'postgresql', Record<string, string>> = {
  sqlite: { String: 'TEXT', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'REAL', Boolean: 'BOOLEAN', DateTime: 'DATETIME', Decimal: 'DECIMAL', Bytes: 'BLOB' },
  postgresql: {
    String: 'text', Int: 'integer', BigInt: 'bigint', Float: 'double precision', Boolean: 'boolean',
    DateTime: 'timestamp(3) without time zone', Decimal: 'numeric', Bytes: 'bytea',
  },
};

export function expectedShape(datamodel: DmmfDatamodel, provider: 'sqlite' | 'postgresql'): SchemaShape {
  const shape: SchemaShape = {};
  const tableOf = new Map(datamodel.models.map((model) => [model.name, model.dbName ?? model.name]));
  for (const model of datamodel.models) {
    const table = emptyTable();
    const column = new Map(model.fields.map((field) => [field.name, field.dbName ?? field.name]));
    for (const field of model.fields) {
      if (field.kind === 'object') {
        if (field.relationFromFields?.length) {
          table.foreignKeys.push({
            columns: field.relationFromFields.map((name) => column.get(name) ?? name),
            table: tableOf.get(field.type) ?? field.type,
            refColumns: field.relationToFields ?? [],
          });
        }
        continue;
      }
      const type = field.kind === 'enum' ? `enum ${field.type}` : (COLUMN_TYPES[provider][field.type] ?? `unsupported ${field.type}`);
      table.columns[column.get(field.name)!] = { type: field.isList ? `${type}[]` : type, nullable: !field.isRequired };
      if (field.isId) table.primaryKey = [column.get(field.name)!];
    }
    if (model.primaryKey) table.primaryKey = model.primaryKey.fields.map((name) => column.get(name) ?? name);
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const columns = index.fields.map((f) => column.get(f.name) ?? f.name);
      if (index.type === 'unique') table.uniques.push(columns);
      else if (index.type === 'normal') table.indexes.push(columns);
    }
    shape[tableOf.get(model.name)!] = table;
  }
  return shape;
}
