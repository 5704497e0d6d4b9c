import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ADULT_BIRTH_DATE, expect, newStudent, shoot, signUp, test } from "./fixtures";
import { ARTIFACTS } from "./paths";

test("signed-out pages load without a single failed request", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Learn by doing");
  await expect(page.getByRole("list", { name: "The five pillars" }).getByRole("listitem")).toHaveCount(5);
  await expect(page.getByRole("heading", { name: "Quests to start with" })).toBeVisible();
  await shoot(page, "landing");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByRole("link", { name: /^See all \d+ quests$/ }).click();
  await expect(page).toHaveURL(/\/quests$/);
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
  // Then with the keyboard alone: the e-mail field has the focus on arrival, then the form in
  // order, Enter to send.
  await page.reload();
  await expect(page.getByLabel("E-mail")).toBeFocused();
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
  await page.getByLabel("Date of birth").fill(ADULT_BIRTH_DATE);
  await page.getByLabel("Password").fill("long-enough-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription("An account with this e-mail already exists.");
  // The API's pattern, length and e-mail refusals, in plain words next to their fields.
  await page.getByLabel("E-mail").fill("someone.new@example");
  await page.getByLabel("Username").fill("Not Allowed!");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 8 characters\./);
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription("Enter an e-mail address like name@example.com.");
  await expect(page.getByLabel("Username")).toHaveAccessibleDescription(
    /Use 3–30 lowercase letters, digits or underscores\./,
  );
  await expect(page.getByText(/String should|value is not a valid/)).toHaveCount(0);
});

test("a forgotten password is reset through the e-mailed link (the development log stands in for e-mail)", async ({
  page,
}) => {
  const dana = newStudent("Dana");
  await signUp(page, dana);
  await page.getByRole("button", { name: /^Account: / }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await shoot(page, "forgot-password");
  await page.getByLabel("E-mail").fill(dana.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("reset link is on its way");

  // The shape of Supabase's recovery e-mail (supabase/templates/recovery.html).
  const link = await resetLinkFor(dana.email);
  expect(link.startsWith(`${process.env.E2E_BASE_URL}/auth/confirm?token_hash=`)).toBe(true);
  expect(new URL(link).searchParams.get("type")).toBe("recovery");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await shoot(page, "reset-password");
  await page.getByLabel("New password").fill("a-brand-new-passphrase");
  await page.getByLabel("Repeat it").fill("a-brand-new-passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed.");
  await shoot(page, "password-changed");
  await page.getByRole("main").getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("E-mail").fill(dana.email);
  await page.getByLabel("Password").fill("a-brand-new-passphrase");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a sign-up waiting for its e-mail link lands on 'Check your e-mail', which sends the link again", async ({
  page,
}) => {
  const kim = newStudent("Kim");
  // The run's local provider signs every new account in; hosted Supabase with confirmations
  // on answers this instead. The resend below goes to the real API (202 whatever the address).
  await page.route("**/api/auth/signup", (route) =>
    route.fulfill({
      status: 202,
      json: {
        code: "confirmation_required",
        message: "Check your e-mail: open the link we sent to confirm your account.",
        email: kim.email,
      },
    }),
  );
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(kim.email);
  await page.getByLabel("Date of birth").fill(ADULT_BIRTH_DATE);
  await page.getByLabel("Password").fill(kim.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByText(`We sent a link to ${kim.email}.`)).toBeVisible();

  const resend = page.getByRole("button", { name: "Send the link again" });
  await resend.click();
  await expect(page.getByRole("status")).toContainText("a new link is on its way");
  await expect(resend).toBeDisabled();
  await expect(page.getByText(/^You can send it again in \d+ s\.$/)).toBeVisible();
  await shoot(page, "check-email");

  // Opened without an address (a new tab, a bookmark), the page asks for it.
  const tab = await page.context().newPage();
  await tab.goto("/signup/check-email");
  await expect(tab.getByLabel("E-mail")).toBeVisible();
  await expect(tab.getByRole("button", { name: "Send the link again" })).toBeEnabled();
});

test("a made-up, spent or cut-off e-mail link is refused in plain words, as is a cancelled OAuth sign-in", async ({
  page,
  guard,
}) => {
  guard.allow("/api/auth/verify"); // the 422 invalid_link this test provokes on purpose
  await page.goto("/auth/confirm?token_hash=made-up&type=email");
  await expect(page.getByRole("alert")).toHaveText("This link has expired or was already used.");
  await expect(page.getByRole("link", { name: "Send the confirmation link again" })).toBeVisible();
  await shoot(page, "confirm-link-expired");

  await page.goto("/auth/confirm?type=email");
  await expect(page.getByRole("heading", { name: "This link is incomplete" })).toBeVisible();

  await page.goto("/auth/callback?error=access_denied&error_description=The+user+cancelled");
  await expect(page.getByRole("alert")).toContainText("The sign-in was cancelled or refused");
  await expect(page.getByRole("main").getByRole("link", { name: "Back to log in" })).toBeVisible();

  // Reset links e-mailed before /auth/confirm still open the form.
  await page.goto("/reset-password?token=made-up");
  await expect(page.getByLabel("New password")).toBeVisible();
});

test("with no OAuth provider configured (the local provider) nobody is offered 'Continue with …'", async ({ page }) => {
  for (const path of ["/login", "/signup"]) {
    const settings = page.waitForResponse((r) => r.url().endsWith("/api/auth/settings"));
    await page.goto(path);
    expect(await (await settings).json()).toEqual({ oauth_providers: [] });
    await expect(page.getByRole("main").getByRole("link", { name: /^Continue with/ })).toHaveCount(0);
    await expect(page.getByText("or use your e-mail")).toHaveCount(0);
  }
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

test("the API docs render the OpenAPI 3.1 document's operations", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: /Optio API/ })).toBeVisible();
  // Operations grouped by tag. (Known gap, issue 19: Swagger UI stops rendering partway through
  // the admin tag, so later tags such as /api/health are not listed yet.)
  await expect(page.getByRole("button", { name: /^GET \/api\/achievements / })).toBeVisible();
  await expect(page.getByRole("button", { name: /^GET \/api\/admin\/analytics / })).toBeVisible();
  await expect(page.getByText("Unable to render this definition")).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Server" })).toBeVisible();
  await shoot(page, "api-docs");
});
