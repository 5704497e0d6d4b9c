import { useCallback, useState } from "react";
import { ApiError, messageOf } from "../api/errors";

/**
 * The API's errors for a form: messages naming a field go next to it, the rest above the form.
 * `codeFields` places field-specific errors that carry no details (`email_taken` → `email`).
 */
export function useFormErrors(codeFields: Record<string, string> = {}) {
  const [fields, setFields] = useState<Record<string, string>>({});
  const [form, setForm] = useState<string | null>(null);
  const [codes] = useState(codeFields); // a literal at each call site: the first one stands

  const capture = useCallback(
    (error: unknown) => {
      const byField = error instanceof ApiError ? error.fieldErrors(codes) : {};
      setFields(byField);
      setForm(Object.keys(byField).length ? null : messageOf(error));
    },
    [codes],
  );
  const reset = useCallback(() => {
    setFields({});
    setForm(null);
  }, []);
  return { fields, form, capture, reset };
}
