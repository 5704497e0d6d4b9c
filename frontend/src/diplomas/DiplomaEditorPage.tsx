import { useState, type FormEvent } from "react";
import type { Schemas } from "../api/client";
import { ConsentRequiredHint } from "../consent/ConsentRequiredHint";
import { MyCredentials } from "../credentials/MyCredentials";
import { Button, ButtonLink } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { FeaturedQuests } from "./FeaturedQuests";
import { diplomaUrl, useMyDiploma, useUpdateDiploma } from "./hooks";

function CopyLink({ url }: { url: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      setState("failed");
    }
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" onClick={copy}>
        Copy link
      </Button>
      <span role="status" className="text-sm text-slate-700">
        {state === "copied" && "Link copied."}
        {state === "failed" && "Copying is blocked here: select the link and copy it."}
      </span>
    </div>
  );
}

function Editor({ diploma }: { diploma: Schemas["DiplomaPublic"] }) {
  const update = useUpdateDiploma();
  const errors = useFormErrors({ slug_taken: "slug" });
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    errors.reset();
    setSaved(false);
    try {
      await update.mutateAsync({
        is_public: form.get("is_public") === "on",
        slug: String(form.get("slug")).trim(),
        headline: String(form.get("headline")).trim() || null,
        bio: String(form.get("bio")).trim() || null,
      });
      setSaved(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  const url = diplomaUrl(diploma.slug);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <Card>
        <form onSubmit={submit} className="space-y-4" noValidate>
          <FormError message={errors.form} />
          <ConsentRequiredHint error={update.error} />
          <Checkbox
            name="is_public"
            label="Public: anyone with the link can see my diploma"
            defaultChecked={diploma.is_public}
          />
          <TextField
            label="Address"
            name="slug"
            defaultValue={diploma.slug}
            hint="Letters, digits and dashes; your diploma lives at /diploma/<address>."
            error={errors.fields.slug}
          />
          <TextField
            label="Headline"
            name="headline"
            defaultValue={diploma.headline ?? ""}
            maxLength={140}
            error={errors.fields.headline}
          />
          <TextArea label="Bio" name="bio" defaultValue={diploma.bio ?? ""} error={errors.fields.bio} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={update.isPending}>
              Save
            </Button>
            {saved && (
              <span role="status" className="text-sm text-green-800">
                Saved.
              </span>
            )}
          </div>
        </form>
      </Card>
      <Card>
        <h2 className="font-semibold">Share</h2>
        <p className="mt-1 text-sm text-slate-700">
          {diploma.is_public ? "Your diploma is public." : "Your diploma is private: only you can see it."}
        </p>
        <p className="mt-3 break-all rounded bg-slate-100 p-2 font-mono text-sm" data-testid="diploma-url">
          {url}
        </p>
        <div className="mt-3 space-y-2">
          <CopyLink url={url} />
          <ButtonLink to={`/diploma/${diploma.slug}`} variant="ghost">
            View diploma
          </ButtonLink>
        </div>
      </Card>
    </div>
  );
}

export function DiplomaEditorPage() {
  const diploma = useMyDiploma();
  return (
    <>
      <PageHeader
        title="Your diploma"
        subtitle="Your completed quests, evidence and XP, at an address you can share."
      />
      <QueryState query={diploma}>
        {(d) => (
          <div className="space-y-6">
            <Editor diploma={d} />
            <MyCredentials isPublic={d.is_public} />
            <FeaturedQuests diploma={d} />
          </div>
        )}
      </QueryState>
    </>
  );
}
