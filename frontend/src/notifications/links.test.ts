import { describe, expect, it } from "vitest";
import { targetOf } from "./links";

const QUEST = "11111111-1111-1111-1111-111111111111";

describe("targetOf", () => {
  it.each([
    ["quest_completed", { quest_id: QUEST, quest_title: "Tiny" }, `/quests/${QUEST}`],
    ["quest_suggested", { quest_id: QUEST, quest_title: "Algebra", parent_name: "Pam" }, `/quests/${QUEST}`],
    ["team_request_received", { request_id: "r", sender_name: "Ana" }, "/team"],
    ["team_request_accepted", { request_id: "r", teammate_name: "Ben", quest_id: QUEST }, "/team"],
    ["submission_approved", { submission_id: "s", quest_id: QUEST, quest_title: "Mine" }, `/quests/${QUEST}`],
    ["submission_approved", { submission_id: "s", quest_id: null, quest_title: "Mine" }, "/submissions"],
    ["submission_rejected", { submission_id: "s", quest_title: "Mine" }, "/submissions"],
    ["tier_changed", { to_name: "Academy" }, "/billing"],
    ["payment_failed", { grace_until: null }, "/billing"],
    ["credential_revoked", { credential_id: "c-1", quest_id: QUEST }, "/verify/c-1"],
    ["link_invited", { invitation_id: "i", supporter_name: "Pat" }, "/links"],
    ["link_created", { link_id: "l", supporter_name: "Pat" }, "/links"],
    ["link_created", { link_id: "l", student_name: "Sam" }, "/students"],
    ["feedback_received", { quest_id: QUEST, task_title: "Read" }, `/quests/${QUEST}`],
    ["feedback_reply", { student_id: "st-1", quest_id: QUEST }, "/students/st-1"],
    ["consent_granted", {}, "/diploma"],
    ["consent_revoked", {}, "/consent"],
    ["achievement_unlocked", { achievement_key: "first", name: "First" }, "/achievements"],
  ])("%s leads to its page", (type, data, path) => {
    expect(targetOf({ type, data })).toBe(path);
  });

  it.each([
    ["a kind this app does not know", "welcome", {}],
    ["a quest notice without its quest", "quest_completed", { quest_title: "Old" }],
    ["a credential notice without its credential", "credential_revoked", { credential_id: "" }],
    ["a reply without its student", "feedback_reply", { student_id: 42 }],
  ])("%s leads nowhere", (_, type, data) => {
    expect(targetOf({ type, data })).toBeNull();
  });

  it("escapes the ids it puts in a path", () => {
    expect(targetOf({ type: "credential_revoked", data: { credential_id: "a/b?c" } })).toBe("/verify/a%2Fb%3Fc");
  });
});
