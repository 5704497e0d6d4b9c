import { useId, useMemo, useState, type FormEvent } from "react";
import { useAuth } from "../auth/context";
import { progressProfileOf, useChangeProgressProfile } from "../progress/hooks";
import { browserTimeZone, knownTimeZones, parseGoal, timeZoneChoices } from "../progress/timeZones";
import type { ProgressProfile } from "../progress/types";
import { Button } from "../ui/Button";
import { FormError, SelectField, TextField } from "../ui/Field";
import { Card } from "../ui/Page";
import { useFormErrors } from "../ui/useFormErrors";

/** My weekly XP goal, the time zone my days are counted in, and whether I join the leaderboard. */
export function ProgressSettings() {
  const { user } = useAuth();
  const saved = progressProfileOf(user);
  const [done, setDone] = useState(false);
  return (
    <Card aria-labelledby="progress-settings">
      <h2 id="progress-settings" className="text-lg font-semibold">
        Progress
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Your weekly goal, the days your streak counts, and the team leaderboard.
      </p>
      {/* A form starts from the saved values, so new ones (saved here, or the time zone this
          device set on first sign-in) start a new form; the word that they were saved stays. */}
      <ProgressForm key={JSON.stringify(saved)} saved={saved} done={done} setDone={setDone} />
    </Card>
  );
}

function ProgressForm({
  saved,
  done,
  setDone,
}: {
  saved: ProgressProfile;
  done: boolean;
  setDone: (done: boolean) => void;
}) {
  const change = useChangeProgressProfile();
  const errors = useFormErrors();
  const [goalText, setGoalText] = useState(saved.weekly_xp_goal?.toString() ?? "");
  const [zone, setZone] = useState(saved.time_zone ?? "");
  const [optIn, setOptIn] = useState(saved.leaderboard_opt_in);
  const [goalProblem, setGoalProblem] = useState<string | null>(null);
  const optInId = useId();

  const goal = parseGoal(goalText);
  const changes: Partial<ProgressProfile> = {};
  if (goal.ok && goal.goal !== saved.weekly_xp_goal) changes.weekly_xp_goal = goal.goal;
  if (zone !== (saved.time_zone ?? "")) changes.time_zone = zone || null;
  if (optIn !== saved.leaderboard_opt_in) changes.leaderboard_opt_in = optIn;
  // A goal that cannot be sent is still a change: saving says what is wrong with it.
  const dirty = !goal.ok || Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setDone(false);
    setGoalProblem(goal.ok ? null : goal.problem);
    if (!goal.ok) return;
    try {
      await change.mutateAsync(changes);
      setDone(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  const touched = () => setDone(false);

  return (
    <form onSubmit={save} className="mt-4 space-y-4" noValidate>
      <FormError message={errors.form} />
      <TextField
        label="Weekly XP goal"
        name="weekly_xp_goal"
        type="number"
        inputMode="numeric"
        min={10}
        max={100000}
        step={1}
        className="max-w-xs"
        value={goalText}
        onChange={(event) => {
          touched();
          setGoalText(event.target.value);
        }}
        hint="From 10 to 100,000 XP a week. Leave it empty for no goal."
        error={goalProblem ?? errors.fields.weekly_xp_goal}
      />
      <TimeZoneField
        saved={saved.time_zone}
        value={zone}
        onChange={(next) => {
          touched();
          setZone(next);
        }}
        error={errors.fields.time_zone}
      />
      <div className="flex items-start gap-3">
        <input
          id={optInId}
          type="checkbox"
          className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 text-brand-700"
          checked={optIn}
          aria-describedby={`${optInId}-description`}
          onChange={(event) => {
            touched();
            setOptIn(event.target.checked);
          }}
        />
        <div>
          <label htmlFor={optInId} className="font-medium text-slate-900">
            Show me on my team's leaderboard
          </label>
          <p id={`${optInId}-description`} className="text-sm text-slate-600">
            Only teammates who also opt in see it; off by default. They see your name and your XP this week, nothing
            else. You can turn it off at any time.
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={change.isPending} disabled={!dirty}>
          Save progress settings
        </Button>
        {done && (
          <span role="status" className="text-sm text-green-800">
            Your progress settings are saved.
          </span>
        )}
      </div>
    </form>
  );
}

const HINT = "Your streak, weekly goal and activity count days as they fall in this time zone.";

/** A list of every zone where the browser has one (this device's first), else a text field. */
function TimeZoneField({
  saved,
  value,
  onChange,
  error,
}: {
  saved: string | null;
  value: string;
  onChange: (zone: string) => void;
  error?: string;
}) {
  const device = useMemo(browserTimeZone, []);
  const choices = useMemo(() => {
    const known = knownTimeZones();
    return known && timeZoneChoices(known, saved, device);
  }, [saved, device]);
  if (!choices) {
    return (
      <div className="max-w-md">
        <TextField
          label="Time zone"
          name="time_zone"
          value={value}
          onChange={(event) => onChange(event.target.value.trim())}
          placeholder="Europe/London"
          hint={`${HINT} Write it as a place, such as Europe/London or America/New_York.`}
          error={error}
        />
        {device && device !== value && (
          <Button variant="ghost" className="mt-1" onClick={() => onChange(device)}>
            Use this device's time zone ({device})
          </Button>
        )}
      </div>
    );
  }
  return (
    <SelectField
      label="Time zone"
      name="time_zone"
      className="max-w-md"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={HINT}
      error={error}
    >
      {!saved && <option value="">Not set</option>}
      {device && (
        <optgroup label="This device">
          <option value={device}>{device} (this device)</option>
        </optgroup>
      )}
      <optgroup label="All time zones">
        {choices.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </optgroup>
    </SelectField>
  );
}
