import { useEffect, useId, useState, type KeyboardEvent } from "react";
import { SEARCH_MIN, useStudentSearch } from "./hooks";

/** How long typing pauses before the search asks the API. */
export const SEARCH_DELAY_MS = 250;

function useSettled(value: string, delay: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

const control =
  "mt-1 block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600 " +
  "focus:outline-none focus:ring-2 focus:ring-brand-600";

/**
 * The recipient of a team-up: any username or e-mail, typed, or a student who chose to be found,
 * picked from the suggestions (an ARIA 1.2 combobox with a listbox popup: arrows move through the
 * suggestions, Enter picks one, Escape closes them; the text stays what was typed until then).
 */
export function RecipientField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const id = useId();
  const listId = `${id}-students`;
  const term = useSettled(value.trim(), SEARCH_DELAY_MS);
  const search = useStudentSearch(term);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(-1);

  const found = term.length >= SEARCH_MIN && term === value.trim() ? (search.data?.data ?? []) : [];
  const open = focused && !dismissed && found.length > 0;
  const activeId = open && active >= 0 && active < found.length ? `${id}-student-${active}` : undefined;

  function pick(username: string) {
    onChange(username);
    setDismissed(true);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (found.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      if (!open) {
        setDismissed(false);
        setActive(step === 1 ? 0 : found.length - 1);
        return;
      }
      setActive((current) =>
        current < 0 && step < 0 ? found.length - 1 : (current + step + found.length) % found.length,
      );
    } else if (event.key === "Enter" && activeId && found[active]) {
      event.preventDefault(); // picking, not sending the form
      pick(found[active].username);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setDismissed(true);
      setActive(-1);
    }
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Username or e-mail
      </label>
      <div className="relative">
        <input
          id={id}
          name="recipient"
          type="text"
          required
          autoComplete="off"
          spellCheck={false}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : hintId}
          className={`${control} ${error ? "border-red-600" : "border-slate-300"}`}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setDismissed(false);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            setActive(-1);
          }}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Students who chose to be found"
          hidden={!open}
          className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded-md border border-slate-300 bg-white py-1 shadow-lg"
        >
          {found.map((student, index) => (
            <li
              key={student.id}
              id={`${id}-student-${index}`}
              role="option"
              aria-selected={index === active}
              className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-50" : "hover:bg-slate-50"}`}
              // Keep the focus in the field: a click picks without blurring it first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(student.username)}
            >
              <span className="font-medium text-slate-900">{student.display_name}</span>{" "}
              <span className="text-sm text-slate-600">@{student.username}</span>
            </li>
          ))}
        </ul>
      </div>
      <p aria-live="polite" className="sr-only">
        {open ? (found.length === 1 ? "1 student found." : `${found.length} students found.`) : ""}
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          Type a full username or e-mail, or two letters or more to pick among students who chose to be found.
        </p>
      )}
    </div>
  );
}
