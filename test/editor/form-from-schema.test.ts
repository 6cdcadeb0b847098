import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ParamForm } from '@/components/editor/param-form';
import { coerceInput, fieldErrors, formFromSchema, type FormField } from '@/lib/editor/form-from-schema';
import { sourceSynthetic } from '@/lib/pipeline/nodes/source-synthetic';

const byKey = (fields: FormField[], key: string) => fields.find((f) => f.key === key)!;

describe('form generation from a node kind zod schema', () => {
  const fields = formFromSchema(sourceSynthetic.params);

  it('given the synthetic camera schema, when turned into fields, then integers carry their ranges and defaults', () => {
    expect(byKey(fields, 'width')).toMatchObject({ type: 'number', integer: true, min: 32, max: 4096, default: 256, label: 'Width' });
    expect(byKey(fields, 'defectRate')).toMatchObject({ type: 'number', integer: false, min: 0, max: 1, default: 0.1, label: 'Defect rate' });
  });

  it('given enums, when turned into fields, then they become selects with every option', () => {
    expect(byKey(fields, 'channels')).toMatchObject({ type: 'enum', options: ['gray', 'rgb'], default: 'gray' });
    const surface = byKey(fields, 'surface');
    expect(surface.type).toBe('enum');
    expect((surface as { options: string[] }).options).toContain('mixed');
  });

  it('given an array of enum values, when turned into fields, then it becomes a multi-choice with its minimum', () => {
    expect(byKey(fields, 'defectKinds')).toMatchObject({ type: 'multi-enum', minItems: 1 });
  });

  it('given booleans, strings, lists, model paths and nested objects, when turned into fields, then each gets its own input type', () => {
    const schema = z.object({
      enabled: z.boolean().default(true),
      note: z.string().optional(),
      tags: z.array(z.string()).default([]),
      mean: z.array(z.number()).default([0.5]),
      model: z.string().describe('Path of the ONNX model file'),
      ratio: z.number().gt(0).lt(1),
      box: z.object({ x: z.number() }).optional(),
    });
    const f = formFromSchema(schema);
    expect(f.map((x) => [x.key, x.type])).toEqual([
      ['enabled', 'boolean'],
      ['note', 'string'],
      ['tags', 'list'],
      ['mean', 'list'],
      ['model', 'model'],
      ['ratio', 'number'],
      ['box', 'json'],
    ]);
    expect(byKey(f, 'ratio')).toMatchObject({ min: 0, max: 1, exclusiveMin: true, exclusiveMax: true, required: true });
    expect(byKey(f, 'note').required).toBe(false);
  });

  it('given text typed in a number box, when coerced, then numbers parse and anything else stays text for zod to reject', () => {
    const width = byKey(fields, 'width');
    expect(coerceInput(width, '512')).toBe(512);
    expect(coerceInput(width, 'wide')).toBe('wide');
    expect(coerceInput(width, '')).toBeUndefined();
  });

  it('given an out-of-range width, when the form renders, then zod\'s own message is shown under that field', () => {
    const params = { width: 5, seed: 1 };
    const errors = fieldErrors(sourceSynthetic.params, params);
    expect(Object.keys(errors)).toEqual(['width']);
    const zodMessage = sourceSynthetic.params.safeParse(params).error!.issues[0].message;
    const html = renderToStaticMarkup(createElement(ParamForm, { fields, values: params, errors }));
    expect(html).toContain(zodMessage.replace('>', '&gt;'));
    expect(zodMessage).toMatch(/32/);
    expect(html).toContain('class="field field-invalid" data-field="width"');
    expect(html).toContain('Width (32 ≤ x ≤ 4096)');
  });

  it('given valid params, when the form renders, then it shows no error and selects show the defaults', () => {
    const html = renderToStaticMarkup(createElement(ParamForm, { fields, values: {}, errors: fieldErrors(sourceSynthetic.params, {}) }));
    expect(html).not.toContain('field-error');
    expect(html).toMatch(/<option value="gray" selected="">gray<\/option>/);
  });
});
