import {
  useId,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from "react";

interface Common {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

interface Counted {
  /** With `maxLength`, a "12 / 200" counter under the control (the default); `false` leaves it out. */
  counter?: boolean;
}

interface Count {
  length: number;
  max: number;
}

const control =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 " +
  "focus:outline-none focus:ring-2 focus:ring-brand-600";

const numbers = new Intl.NumberFormat("en-US");

/** Near the limit: the last tenth, and at least the last 10 characters. */
function nearLimit({ length, max }: Count): boolean {
  return max - length <= Math.max(10, Math.ceil(max / 10));
}

/** The label, the hint or error under the control, and the attributes that tie them to it. */
function Labelled({
  label,
  error,
  hint,
  className,
  count,
  control: render,
}: Common & {
  className?: string;
  count?: Count;
  control: (props: { id: string; className: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const near = count ? nearLimit(count) : false;
  // The counter joins the description only near the limit, so that a screen reader reads it there
  // and not on every visit to the field.
  const describedBy =
    [error ? `${id}-error` : hint ? `${id}-hint` : null, near ? `${id}-count` : null].filter(Boolean).join(" ") ||
    undefined;
  const words = (
    <>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </>
  );
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {render({
        id,
        className: `${control} ${error ? "border-red-600" : "border-slate-300"}`,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy,
      })}
      {count ? (
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">{words}</div>
          <Counter id={`${id}-count`} count={count} near={near} />
        </div>
      ) : (
        words
      )}
    </div>
  );
}

function Counter({ id, count, near }: { id: string; count: Count; near: boolean }) {
  const { length, max } = count;
  const reached = length >= max;
  // Said politely once when the field gets near its limit and once when it reaches it; not per key.
  const notice = reached
    ? `Limit reached: ${numbers.format(max)} characters.`
    : near
      ? `Nearly at the limit of ${numbers.format(max)} characters.`
      : "";
  return (
    <>
      <p
        id={id}
        className={`mt-1 shrink-0 text-sm tabular-nums ${near ? "font-medium text-amber-800" : "text-slate-500"}`}
      >
        <span aria-hidden="true">
          {numbers.format(length)} / {numbers.format(max)}
        </span>
        <span className="sr-only">
          {numbers.format(length)} of {numbers.format(max)} characters used
        </span>
      </p>
      <span className="sr-only" aria-live="polite">
        {notice}
      </span>
    </>
  );
}

/**
 * The length of what is in the control, for its counter: its `value` when controlled, else what
 * was typed (from `defaultValue`).
 */
function useCount<E extends HTMLInputElement | HTMLTextAreaElement>(
  props: { value?: unknown; defaultValue?: unknown; maxLength?: number; onChange?: (event: ChangeEvent<E>) => void },
  counter: boolean,
): [Count | undefined, (event: ChangeEvent<E>) => void] {
  const { value, defaultValue, maxLength, onChange } = props;
  const [typed, setTyped] = useState(() => String(defaultValue ?? "").length);
  const change = (event: ChangeEvent<E>) => {
    setTyped(event.target.value.length);
    onChange?.(event);
  };
  if (!counter || maxLength === undefined || maxLength < 0) return [undefined, change];
  const length = value === undefined || value === null ? typed : String(value).length;
  return [{ length, max: maxLength }, change];
}

export function TextField({
  label,
  error,
  hint,
  className,
  counter = true,
  ...input
}: Common & Counted & InputHTMLAttributes<HTMLInputElement>) {
  const [count, onChange] = useCount<HTMLInputElement>(input, counter);
  return (
    <Labelled
      {...{ label, error, hint, className, count }}
      control={(tie) => <input {...tie} {...input} onChange={onChange} />}
    />
  );
}

export function TextArea({
  label,
  error,
  hint,
  className,
  counter = true,
  ...input
}: Common & Counted & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [count, onChange] = useCount<HTMLTextAreaElement>(input, counter);
  return (
    <Labelled
      {...{ label, error, hint, className, count }}
      control={(tie) => <textarea rows={4} {...tie} {...input} onChange={onChange} />}
    />
  );
}

export function SelectField({
  label,
  error,
  hint,
  className,
  children,
  ...select
}: Common & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled
      {...{ label, error, hint, className }}
      control={(tie) => (
        <select {...tie} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function Checkbox({ label, className, ...input }: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`flex items-center gap-2 ${className ?? ""}`}>
      <input id={id} type="checkbox" className="h-5 w-5 rounded border-slate-400 text-brand-700" {...input} />
      <label htmlFor={id} className="text-sm text-slate-800">
        {label}
      </label>
    </div>
  );
}

/** A form-wide message (the API's, when it names no field). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
      {message}
    </p>
  );
}
