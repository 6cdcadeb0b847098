'use client';
/**
 * The inspector's parameter form. Fields come from formFromSchema (the node kind's zod schema);
 * values are the node's raw params, so an invalid entry stays visible with zod's message under it.
 */
import { useState } from 'react';
import type { FormField } from '@/lib/editor/form-from-schema';
import { coerceInput } from '@/lib/editor/form-from-schema';
import type { ModelOption } from './model-option';

export interface ParamFormProps {
  fields: FormField[];
  values: Record<string, unknown>;
  errors: Record<string, string[]>;
  models?: ModelOption[];
  readOnly?: boolean;
  onChange?(key: string, value: unknown): void;
}

export function ParamForm({ fields, values, errors, models = [], readOnly, onChange }: ParamFormProps) {
  return (
    <div className="param-form">
      {errors[''] && <p className="field-error" role="alert">{errors[''].join('; ')}</p>}
      {fields.map((field) =>
        field.type === 'object' ? (
          <ObjectField key={field.key} field={field} value={values[field.key]} errors={errors[field.key]} models={models} readOnly={readOnly} onChange={(v) => onChange?.(field.key, v)} />
        ) : (
          <label key={field.key} className={`field${errors[field.key] ? ' field-invalid' : ''}`} data-field={field.key}>
            <FieldLabel field={field} />
            <FieldInput name={`param-${field.key}`} field={field} value={values[field.key]} models={models} readOnly={readOnly} onChange={(v) => onChange?.(field.key, v)} />
            {field.description && <small className="field-help">{field.description}</small>}
            <FieldErrors messages={errors[field.key]} />
          </label>
        ),
      )}
    </div>
  );
}

function FieldLabel({ field }: { field: FormField }) {
  return (
    <span className="field-label">
      {field.label}
      {field.type === 'number' && rangeText(field)}
    </span>
  );
}

function FieldErrors({ messages }: { messages?: string[] }) {
  return messages?.map((message) => <small key={message} className="field-error" role="alert">{message}</small>);
}

/**
 * A nested object's fields in a group of their own (a decision's detection or classification rule).
 * An optional one without a default has a switch: on sets it to {} so its fields' defaults apply,
 * off removes it; its fields show only while it is on.
 */
function ObjectField({ field, value, errors, models, readOnly, onChange }: {
  field: Extract<FormField, { type: 'object' }>;
  value: unknown;
  errors?: string[];
  models: ModelOption[];
  readOnly?: boolean;
  onChange(value: unknown): void;
}) {
  const object = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  // One with a default always applies (its defaults when left alone): no switch for it.
  const switchable = !field.required && field.default === undefined;
  const on = !switchable || object !== undefined;
  const set = (key: string, v: unknown) => {
    const next = { ...object };
    if (v === undefined) delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <fieldset className={`field field-group${errors ? ' field-invalid' : ''}`} data-field={field.key}>
      <legend className="field-label">
        {!switchable ? field.label : (
          <label>
            <input type="checkbox" name={`param-${field.key}-on`} checked={on} disabled={readOnly} onChange={(e) => onChange(e.target.checked ? {} : undefined)} /> {field.label}
          </label>
        )}
      </legend>
      {field.description && <small className="field-help">{field.description}</small>}
      {on && field.fields.map((sub) =>
        sub.type === 'object' ? (
          <ObjectField key={sub.key} field={sub} value={object?.[sub.key]} models={models} readOnly={readOnly} onChange={(v) => set(sub.key, v)} />
        ) : (
          <label key={sub.key} className="field" data-field={`${field.key}.${sub.key}`}>
            <FieldLabel field={sub} />
            <FieldInput name={`param-${field.key}.${sub.key}`} field={sub} value={object?.[sub.key]} models={models} readOnly={readOnly} onChange={(v) => set(sub.key, v)} />
            {sub.description && <small className="field-help">{sub.description}</small>}
          </label>
        ),
      )}
      <FieldErrors messages={errors} />
    </fieldset>
  );
}

function rangeText(field: Extract<FormField, { type: 'number' }>): string {
  if (field.min === undefined && field.max === undefined) return '';
  const lo = field.min === undefined ? '' : `${field.min}${field.exclusiveMin ? ' <' : ' ≤'} `;
  const hi = field.max === undefined ? '' : ` ${field.exclusiveMax ? '<' : '≤'} ${field.max}`;
  return ` (${lo}x${hi})`;
}

interface InputProps {
  name: string;
  field: FormField;
  value: unknown;
  models: ModelOption[];
  readOnly?: boolean;
  onChange(value: unknown): void;
}

function FieldInput({ name, field, value, models, readOnly, onChange }: InputProps) {
  const shown = value === undefined ? field.default : value;
  switch (field.type) {
    case 'boolean':
      return <input name={name} type="checkbox" checked={Boolean(shown)} disabled={readOnly} onChange={(e) => onChange(e.target.checked)} />;
    case 'enum':
      return (
        <select name={name} value={String(shown ?? '')} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
          {shown === undefined && <option value="">—</option>}
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      );
    case 'model':
      return (
        <select name={name} value={String(shown ?? '')} disabled={readOnly} onChange={(e) => onChange(e.target.value || undefined)}>
          <option value="">— choose a model —</option>
          {typeof shown === 'string' && shown && !models.some((m) => m.path === shown) && <option value={shown}>{shown} (not in catalog)</option>}
          {models.map((m) => <option key={m.path} value={m.path}>{m.path}{m.shapes ? ` — ${m.shapes}` : ''}</option>)}
        </select>
      );
    case 'multi-enum': {
      const list = Array.isArray(shown) ? (shown as string[]) : [];
      return (
        <span className="multi">
          {field.options.map((o) => (
            <label key={o}>
              <input type="checkbox" name={`${name}-${o}`} checked={list.includes(o)} disabled={readOnly}
                onChange={(e) => onChange(e.target.checked ? [...list, o] : list.filter((x) => x !== o))} />
              {o}
            </label>
          ))}
        </span>
      );
    }
    case 'json':
      return <textarea name={name} defaultValue={shown === undefined ? '' : JSON.stringify(shown)} readOnly={readOnly} onBlur={(e) => onChange(coerceInput(field, e.target.value))} />;
    default:
      return <TextInput name={name} field={field} shown={shown} readOnly={readOnly} onChange={onChange} />;
  }
}

/** Keeps what the user typed ("0.", "1e") while focused; the node gets the coerced value at each keystroke. */
function TextInput({ name, field, shown, readOnly, onChange }: { name: string; field: FormField; shown: unknown; readOnly?: boolean; onChange(v: unknown): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = Array.isArray(shown) ? shown.join(', ') : shown === undefined || shown === null ? '' : String(shown);
  return (
    <input name={name} type="text" inputMode={field.type === 'number' ? 'decimal' : undefined} value={draft ?? text} readOnly={readOnly}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(coerceInput(field, e.target.value));
      }}
      onBlur={() => setDraft(null)} />
  );
}
