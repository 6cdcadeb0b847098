import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ParamForm } from '@/components/editor/param-form';
import { coerceInput, fieldErrors, formFromSchema, type FormField } from '@/lib/editor/form-from-schema';
import { decision } from '@/lib/pipeline/nodes/decision';
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
      either: z.union([z.object({ x: z.number() }), z.string()]).optional(),
    });
    const f = formFromSchema(schema);
    expect(f.map((x) => [x.key, x.type])).toEqual([
      ['enabled', 'boolean'],
      ['note', 'string'],
      ['tags', 'list'],
      ['mean', 'list'],
      ['model', 'model'],
      ['ratio', 'number'],
      ['box', 'object'],
      ['either', 'json'],
    ]);
    expect(byKey(f, 'box')).toMatchObject({ fields: [{ key: 'x', type: 'number', required: true }] });
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

  it('given the decision node, when its form renders, then each rule is a group of its own fields with their defaults and help, not JSON text', () => {
    const decisionFields = formFromSchema(decision.params);
    expect(byKey(decisionFields, 'detection')).toMatchObject({ type: 'object', fields: [{ key: 'minScore', type: 'number', min: 0, max: 1, default: 0.5 }, { key: 'classes', type: 'list' }] });
    const html = renderToStaticMarkup(createElement(ParamForm, { fields: decisionFields, values: { detection: { minScore: 0.7 } }, errors: {} }));
    expect(html).not.toContain('<textarea');
    expect(html).toMatch(/<fieldset class="field field-group" data-field="detection">/);
    expect(html).toMatch(/name="param-detection.minScore"[^>]*value="0.7"/);
    // Left alone, a rule shows its defaults: the classification rule's min score is 0.5.
    expect(html).toMatch(/name="param-classification.minScore"[^>]*value="0.5"/);
    expect(html).toContain('A detection at this score or more is a defect.');
  });

  it('given a rule with an out-of-range value, when the form renders, then zod\'s message names the field inside the rule\'s group', () => {
    const decisionFields = formFromSchema(decision.params);
    const values = { detection: { minScore: 2 } };
    const errors = fieldErrors(decision.params, values);
    expect(errors.detection?.[0]).toMatch(/^minScore: /);
    const html = renderToStaticMarkup(createElement(ParamForm, { fields: decisionFields, values, errors }));
    expect(html).toContain('class="field field-group field-invalid" data-field="detection"');
    expect(html).toContain(errors.detection[0].replace('<', '&lt;'));
  });

  it('given an optional group without a default, when it is off, then it offers a switch and hides its fields until switched on', () => {
    const groupFields = formFromSchema(z.object({ roi: z.object({ x: z.number().default(0) }).optional() }));
    const off = renderToStaticMarkup(createElement(ParamForm, { fields: groupFields, values: {}, errors: {} }));
    expect(off).toMatch(/<input type="checkbox" name="param-roi-on"\/>/);
    expect(off).not.toContain('param-roi.x');
    const on = renderToStaticMarkup(createElement(ParamForm, { fields: groupFields, values: { roi: {} }, errors: {} }));
    expect(on).toMatch(/name="param-roi-on" checked=""/);
    expect(on).toMatch(/name="param-roi.x"[^>]*value="0"/);
  });
});
