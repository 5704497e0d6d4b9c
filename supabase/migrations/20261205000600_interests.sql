-- What a student wants to grow, picked at onboarding (and in settings): a set of pillars that
-- suggests a first quest and orders the quest hub's suggestions. The student writes it directly.
alter table public.users
  add column interests text[] not null default '{}'
    constraint users_interests_check check (
      interests <@ array['stem_logic', 'life_wellness', 'language_communication',
                         'society_culture', 'arts_creativity']
      and cardinality(interests) <= 5
      and array_position(interests, null) is null);

grant update (interests) on public.users to authenticated;
