import { expect, logIn, shoot, test } from "./fixtures";

// The README's tour: the demo student's five weeks, as `make dev` seeds them.
test("the demo student's dashboard, quest and public diploma read well", async ({ page }) => {
  await logIn(page, "student@optio.dev", "optio-dev-password");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByText(/^Level \d+$/).first()).toBeVisible();
  await shoot(page, "tour-dashboard");

  await page.getByRole("link", { name: "Continue the quest" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shoot(page, "tour-quest");

  await page.goto("/diploma");
  await page.getByRole("link", { name: "View diploma" }).click();
  await expect(page).toHaveURL(/\/diploma\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await shoot(page, "tour-diploma");
});
