import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, logIn, newStudent, shoot, signUp, test } from "./fixtures";
import { ARTIFACTS } from "./paths";

test("signed-out pages load without a single failed request", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/quests$/);
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByText(/^\d+ quests$/)).toBeVisible(); // loaded, not cut off by the next page
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await shoot(page, "login");
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill("nobody@example.com");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("reset link is on its way");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
});

test("a wrong password is reported next to the form, and the next log-in, by keyboard alone, goes where the student was headed", async ({
  page,
  guard,
}) => {
  guard.allow("/api/auth/login"); // the 401 this test provokes on purpose
  await page.goto("/login?next=%2Fbilling");
  await page.getByLabel("E-mail").fill("student@optio.dev");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  // Then with the keyboard alone: the skip link first, then the form in order, Enter to send.
  await page.reload();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("student@optio.dev");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("optio-dev-password");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Log in" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/billing$/);
});

test("sign-up errors from the API appear next to the field they concern", async ({ page, guard }) => {
  guard.allow("/api/auth/signup"); // the 409 and 422 this test provokes on purpose
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill("student@optio.dev");
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription("An account with this e-mail already exists.");
  await page.getByLabel("E-mail").fill("someone.new@example.com");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
});

test("a forgotten password is reset through the e-mailed link (the development log stands in for e-mail)", async ({
  page,
}) => {
  const dana = newStudent("Dana");
  await signUp(page, dana);
  await page.getByRole("button", { name: "Log out" }).first().click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await shoot(page, "forgot-password");
  await page.getByLabel("E-mail").fill(dana.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("reset link is on its way");

  const link = await resetLinkFor(dana.email);
  expect(link.startsWith(`${process.env.E2E_BASE_URL}/reset-password?token=`)).toBe(true);
  await page.goto(link);
  await shoot(page, "reset-password");
  await page.getByLabel("New password").fill("a-brand-new-passphrase");
  await page.getByLabel("Repeat it").fill("a-brand-new-passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  await logIn(page, dana.email, "a-brand-new-passphrase");
});

async function resetLinkFor(email: string): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const log = readFileSync(join(ARTIFACTS, "e2e-api.log"), "utf8");
    const match = log.match(new RegExp(`password reset link for ${email.replace(/[.]/g, "\\.")}: (\\S+)`));
    if (match?.[1]) return match[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no reset link for ${email} in e2e-api.log`);
}
