/**
 * Labelled form fields that show their error (or else a hint) and keep what was typed, and the summary said above
 * a form that came back with errors. Pico.css styles them as they are; no classes needed.
 */
import type { Child, FC } from 'hono/jsx';
import type { FormState } from '../form.ts';
import { useUi } from './context.ts';

const idOf = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

interface FieldProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

/** The error (or else the hint) under a field, tied to it with aria-describedby. */
function help(p: FieldProps) {
  const id = idOf(p.name);
  const error = p.form.errors[p.name];
  const text = error ?? p.hint;
  return {
    id,
    invalid: error ? ('true' as const) : undefined,
    describedBy: text ? `${id}-help` : undefined,
    node: text ? <small id={`${id}-help`}>{text}</small> : null,
  };
}

export const Field: FC<
  FieldProps & {
    type?: string;
    autocomplete?: string;
    inputmode?: 'decimal' | 'numeric' | 'email';
    step?: string;
    min?: string;
    max?: string;
  }
> = (p) => {
  const h = help(p);
  // A password is never sent back into the page, not even after a validation error.
  const value = p.type === 'password' ? undefined : (p.form.values[p.name] ?? '');
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <input
        id={h.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={value}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        step={p.step}
        min={p.min}
        max={p.max}
        aria-invalid={h.invalid}
        aria-describedby={h.describedBy}
      />
      {h.node}
    </>
  );
};

export const TextArea: FC<FieldProps & { rows?: number }> = (p) => {
  const h = help(p);
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <textarea
        id={h.id}
        name={p.name}
        rows={p.rows ?? 3}
        required={p.required}
        aria-invalid={h.invalid}
        aria-describedby={h.describedBy}
      >
        {p.form.values[p.name] ?? ''}
      </textarea>
      {h.node}
    </>
  );
};

export const Select: FC<FieldProps & { options: [string, string][] }> = (p) => {
  const h = help(p);
  const selected = p.form.values[p.name] ?? '';
  return (
    <>
      <label for={h.id}>{p.label}</label>
      <select id={h.id} name={p.name} required={p.required} aria-invalid={h.invalid} aria-describedby={h.describedBy}>
        {p.options.map(([value, label]) => (
          <option value={value} selected={value === selected}>
            {label}
          </option>
        ))}
      </select>
      {h.node}
    </>
  );
};

export const Checkbox: FC<FieldProps> = (p) => {
  const h = help(p);
  return (
    <>
      <label>
        <input
          type="checkbox"
          name={p.name}
          value="on"
          checked={p.form.values[p.name] === 'on'}
          aria-invalid={h.invalid}
          aria-describedby={h.describedBy}
        />
        {p.label}
      </label>
      {h.node}
    </>
  );
};

/** A group of radio buttons; `options` may carry extra content (a supplier's KvK number) after the label. */
export const Radios: FC<FieldProps & { options: [string, Child][] }> = (p) => {
  const h = help(p);
  const selected = p.form.values[p.name] ?? '';
  return (
    <fieldset aria-describedby={h.describedBy}>
      <legend>{p.label}</legend>
      {p.options.map(([value, label]) => (
        <label>
          <input type="radio" name={p.name} value={value} checked={value === selected} aria-invalid={h.invalid} />
          {label}
        </label>
      ))}
      {h.node}
    </fieldset>
  );
};

/** Said once above a form that came back with errors, so a screen reader hears why. */
export const ErrorSummary: FC<{ form: FormState; message?: string }> = ({ form, message }) => {
  const { t } = useUi();
  if (!message && !Object.keys(form.errors).length) return null;
  return (
    <article role="alert">
      <p>{message ?? t.common.fixErrors}</p>
    </article>
  );
};
