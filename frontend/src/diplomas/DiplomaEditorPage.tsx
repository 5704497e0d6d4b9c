import { useState, type FormEvent } from "react";
import type { Schemas } from "../api/client";
import { ConsentRequiredHint } from "../consent/ConsentRequiredHint";
import { MyCredentials } from "../credentials/MyCredentials";
import { Button, ButtonLink } from "../ui/Button";
import { Checkbox, FormError, TextArea, TextField } from "../ui/Field";
import { Card, PageHeader } from "../ui/Page";
import { QueryState } from "../ui/States";
import { useFormErrors } from "../ui/useFormErrors";
import { DiplomaPreview } from "./DiplomaPreview";
import { FeaturedQuests } from "./FeaturedQuests";
import { diplomaUrl, useMyDiploma, useUpdateDiploma } from "./hooks";
import { ShareDiploma } from "./ShareDiploma";
import { SLUG_MAX_LENGTH, slugify } from "./slug";

type Diploma = Schemas["DiplomaPublic"];

/** The form's fields as typed, before they are saved. */
interface Draft {
  is_public: boolean;
  slug: string;
  headline: string;
  bio: string;
}

function draftOf(diploma: Diploma): Draft {
  return {
    is_public: diploma.is_public,
    slug: diploma.slug,
    headline: diploma.headline ?? "",
    bio: diploma.bio ?? "",
  };
}

/** The diploma as it will read once the draft is saved (blank headline or bio: none). */
function withDraft(diploma: Diploma, draft: Draft): Diploma {
  return {
    ...diploma,
    is_public: draft.is_public,
    slug: draft.slug.trim() || diploma.slug,
    headline: draft.headline.trim() || null,
    bio: draft.bio.trim() || null,
  };
}

function Editor({ diploma }: { diploma: Diploma }) {
  const update = useUpdateDiploma();
  const errors = useFormErrors({ slug_taken: "slug" });
  const [saved, setSaved] = useState(false);
  const [draft, setDraft] = useState(() => draftOf(diploma));
  const edit = (change: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...change }));
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.reset();
    setSaved(false);
    const shown = withDraft(diploma, draft);
    try {
      await update.mutateAsync({
        is_public: draft.is_public,
        slug: slugify(draft.slug, true),
        headline: shown.headline,
        bio: shown.bio,
      });
      setSaved(true);
    } catch (error) {
      errors.capture(error);
    }
  }

  const url = diplomaUrl(diploma.slug);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
      <div className="min-w-0 space-y-6">
        <Card>
          <form onSubmit={submit} className="space-y-4" noValidate>
            <FormError message={errors.form} />
            <ConsentRequiredHint error={update.error} />
            <Checkbox
              name="is_public"
              label="Public: anyone with the link can see my diploma"
              checked={draft.is_public}
              onChange={(event) => edit({ is_public: event.currentTarget.checked })}
            />
            <TextField
              label="Address"
              name="slug"
              value={draft.slug}
              onChange={(event) => edit({ slug: slugify(event.currentTarget.value) })}
              onBlur={(event) => edit({ slug: slugify(event.currentTarget.value, true) })}
              maxLength={SLUG_MAX_LENGTH}
              counter={false}
              hint="Lowercase letters, digits and hyphens (spaces become hyphens as you type); your diploma lives at /diploma/<address>."
              error={errors.fields.slug}
            />
            <TextField
              label="Headline"
              name="headline"
              value={draft.headline}
              onChange={(event) => edit({ headline: event.currentTarget.value })}
              maxLength={140}
              error={errors.fields.headline}
            />
            <TextArea
              label="Bio"
              name="bio"
              value={draft.bio}
              onChange={(event) => edit({ bio: event.currentTarget.value })}
              error={errors.fields.bio}
            />
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
          <ShareDiploma url={url} title={`${diploma.display_name}'s diploma · Optio`} />
          <ButtonLink to={`/diploma/${diploma.slug}`} variant="ghost">
            View diploma
          </ButtonLink>
        </Card>
      </div>
      <DiplomaPreview
        className="lg:col-start-2 lg:row-span-2 lg:row-start-1"
        diploma={withDraft(diploma, draft)}
        savedSlug={diploma.slug}
      />
      <div className="min-w-0 space-y-6">
        <MyCredentials isPublic={diploma.is_public} />
        <FeaturedQuests diploma={diploma} />
      </div>
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
      <QueryState query={diploma}>{(d) => <Editor diploma={d} />}</QueryState>
    </>
  );
}
