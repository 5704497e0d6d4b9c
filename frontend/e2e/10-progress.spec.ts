import { ADMIN, expect, logIn, newStudent, shoot, signUp, test } from "./fixtures";

const QUEST = "Khan Academy: Intro to Algebra"; // tasks of 75 and 100 XP (supabase/seed.sql)
const ZONE = "Pacific/Auckland";

// The browser's zone is the one the student's days are counted in, set on first sign-in.
test.use({ timezoneId: ZONE });

test("a student completes tasks and sees +XP, a level and an achievement, then the streak and the activity", async ({
  page,
}) => {
  const student = newStudent("Rua");
  await signUp(page, student);

  await test.step("the first task: +75 XP and the first achievement, announced", async () => {
    await page.getByRole("link", { name: QUEST }).click();
    await page.getByRole("button", { name: "Start quest" }).click();
    const first = page.getByTestId("task").nth(0);
    await first.getByLabel("What did you do?").fill("Finished the unit with 85% on the unit test.");
    await first.getByRole("button", { name: "Complete task" }).click();
    const recognition = page.getByTestId("recognition");
    await expect(recognition).toHaveAttribute("aria-live", "polite");
    await expect(recognition.getByText("+75 XP")).toBeVisible();
    await expect(recognition.getByText("Achievement unlocked: First step")).toBeVisible();
    await shoot(page, "task-recognition");
  });

  await test.step("the second task reaches level 2 (75 + 10 reward + 100 XP)", async () => {
    const second = page.getByTestId("task").nth(1);
    await second.getByLabel("What did you do?").fill("Solved 30 equations; the trick one had x on both sides.");
    await second.getByRole("button", { name: "Complete task" }).click();
    await expect(page.getByTestId("recognition").getByText("+100 XP")).toBeVisible();
    await expect(page.getByText("Level up! You reached level 2.")).toBeVisible();
  });

  await test.step("the dashboard: level, streak active today, today's square in the heatmap", async () => {
    await page.goto("/dashboard");
    const streak = page.getByRole("region", { name: "Streak" });
    await expect(streak.getByText("Active today")).toBeVisible();
    await expect(streak.getByRole("paragraph").filter({ hasText: /^1 day$/ })).toBeVisible();
    await expect(page.getByText(/: 2 tasks, 185 XP$/)).toBeAttached(); // today's cell, for screen readers
    await expect(page.getByRole("link", { name: "Continue the quest" })).toBeVisible();
    await shoot(page, "dashboard-progress");
  });

  await test.step("a weekly goal, and the zone the browser gave on sign-up", async () => {
    await page.goto("/settings");
    await expect(page.getByLabel("Time zone")).toHaveValue(ZONE);
    await page.getByLabel("Weekly XP goal").fill("300");
    await page.getByRole("button", { name: "Save progress settings" }).click();
    await expect(page.getByText("Your progress settings are saved.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByText("115 XP to go.")).toBeVisible();
  });

  await test.step("the achievements page: unlocked first, the rest still to earn", async () => {
    await page.getByRole("link", { name: "Achievements" }).first().click();
    await expect(page.getByRole("heading", { name: "Achievements", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Unlocked (1)" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "First step" })).toBeVisible();
    await shoot(page, "achievements");
  });

  await test.step("the achievement as a verifiable credential, checked in the browser", async () => {
    await page.getByRole("button", { name: "Get a verifiable credential of First step" }).click();
    await page.getByRole("link", { name: "Verify the credential of First step" }).click();
    await expect(page.getByRole("heading", { name: "Verified", level: 2 })).toBeVisible({ timeout: 20_000 });
    const result = page.getByTestId("verification");
    await expect(result.getByText("Signature: Passed.")).toBeVisible();
    await expect(result.getByText("Revocation status: Passed.")).toBeVisible();
  });
});

test("an admin adds an achievement, and the demo student who already qualifies unlocks it in the background", async ({
  page,
  browser,
  baseURL,
}) => {
  const name = `Thirteen ${Date.now().toString(36)}`;
  await logIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/admin/achievements");
  await page.getByRole("button", { name: "New achievement" }).click();
  const form = page.getByRole("form", { name: "New achievement" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Key").fill(`thirteen_${Date.now().toString(36)}`);
  await form.getByLabel("Description (students see it)").fill("Complete 13 tasks.");
  await form.getByLabel("Condition").selectOption("tasks_completed");
  await form.getByLabel("At least").fill("13"); // the demo student's history has 13
  await form.getByRole("button", { name: "Add achievement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "will unlock it in the background" })).toBeVisible();
  await shoot(page, "admin-achievements");

  const student = await (await browser.newContext({ baseURL })).newPage();
  await logIn(student, "student@optio.dev", "optio-dev-password");
  // `optio dev` runs the job worker: the backfill lands within seconds.
  await expect(async () => {
    await student.goto("/achievements");
    await expect(student.getByRole("region", { name: /^Unlocked/ }).getByRole("heading", { name })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
});
