import { ADULT_BIRTH_DATE, expect, newStudent, shoot, signUp, test } from "./fixtures";

test("a new student is welcomed: picks pillars, gets a first quest in one, tours the app, and is not welcomed 'back'", async ({
  page,
}) => {
  const nia = newStudent("Nia");
  await page.goto("/signup");
  await page.getByLabel("First name").fill(nia.first);
  await page.getByLabel("Last name").fill(nia.last);
  await page.getByLabel("Username").fill(nia.username);
  await page.getByLabel("E-mail").fill(nia.email);
  await page.getByLabel("Date of birth").fill(ADULT_BIRTH_DATE);
  await page.getByLabel("Password").fill(nia.password);
  await page.getByRole("button", { name: "Sign up" }).click();

  await expect(page).toHaveURL(/\/welcome$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to Optio, Nia!");
  await page.getByRole("button", { name: "STEM & Logic" }).click();
  await page.getByRole("button", { name: "Arts & Creativity" }).click();
  await expect(page.getByRole("button", { name: "STEM & Logic" })).toHaveAttribute("aria-pressed", "true");
  await shoot(page, "onboarding");
  await page.getByRole("button", { name: "Save and continue" }).click();

  await expect(page.getByRole("heading", { name: "A first quest for you" })).toBeFocused();
  const suggestion = page.getByRole("article");
  await expect(suggestion.getByText("STEM & Logic")).toBeVisible();
  await shoot(page, "onboarding-first-quest");
  await page.getByRole("button", { name: "Show me around first" }).click();
  await expect(page.getByRole("heading", { name: "Where things are" })).toBeVisible();
  await shoot(page, "onboarding-tour");

  // What she picked is kept: the welcome page shows it again.
  await page.reload();
  await expect(page.getByRole("button", { name: "Arts & Creativity" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Life & Wellness" })).toHaveAttribute("aria-pressed", "false");

  await page.goto("/dashboard");
  await expect(page.getByText("Welcome, Nia.")).toBeVisible();
});

test("a proposal's XP out of range is refused in plain words next to the field", async ({ page, guard }) => {
  guard.allow("/api/quest-submissions"); // the 422 this test provokes on purpose
  await signUp(page, newStudent("Ola"));
  await page.goto("/submissions");
  await page.getByLabel("Quest title").fill("Keep a sky diary");
  await page.getByLabel("Task 1 title").fill("Sketch the clouds at noon for a week");
  const xp = page.getByRole("listitem", { name: "Task 1" }).getByLabel("XP");
  await xp.fill("500");
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(xp).toHaveAccessibleDescription("Use a number of at most 200.");
  await expect(page.getByText("Input should be less than or equal to 200")).toHaveCount(0);
});
