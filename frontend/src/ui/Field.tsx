import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

interface Common {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

const control =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 " +
  "focus:outline-none focus:ring-2 focus:ring-brand-600";

/** The label, the hint or error under the control, and the attributes that tie them to it. */
function Labelled({
  label,
  error,
  hint,
  className,
  control: render,
}: Common & {
  className?: string;
  control: (props: { id: string; className: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
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
    </div>
  );
}

export function TextField({ label, error, hint, className, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return <Labelled {...{ label, error, hint, className }} control={(tie) => <input {...tie} {...input} />} />;
}

export function TextArea({
  label,
  error,
  hint,
  className,
  ...input
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled {...{ label, error, hint, className }} control={(tie) => <textarea rows={4} {...tie} {...input} />} />
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
