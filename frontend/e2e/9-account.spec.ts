import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, logIn, makePng, newStudent, shoot, signUp, test } from "./fixtures";
import { REPO } from "./paths";

// Where the e2e API writes its e-mail without SMTP_URL (OPTIO_DATA_DIR/mail, global-setup.ts).
const MAILBOX = join(REPO, ".optio", "e2e", "mail");
const ADVISOR = { email: "advisor@optio.dev", password: "optio-dev-password" };

test("a student turns the digest off, downloads their data and deletes their account", async ({ page, guard }) => {
  const student = newStudent("Noor");
  await signUp(page, student);

  await test.step("turn the weekly digest off; it stays off after a reload", async () => {
    await page.getByRole("button", { name: "Account: Noor Tester" }).click();
    await page.getByRole("link", { name: "Profile and settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    const digest = page.getByRole("checkbox", { name: "Weekly digest" });
    await expect(digest).toBeChecked();
    await shoot(page, "settings");
    await digest.uncheck();
    await page.getByRole("button", { name: "Save e-mail choices" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Weekly digest" })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Invitations and new links" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Feedback on work" })).toBeChecked();
  });

  await test.step("request an export and download it once the worker has built it", async () => {
    await expect(page.getByText("You have not asked for an export yet.")).toBeVisible();
    await page.getByRole("button", { name: "Request an export" }).click();
    const row = page.getByRole("list", { name: "Your exports" }).getByTestId("export");
    await expect(row).toHaveCount(1);
    // `optio dev` runs the job worker: the page polls until the zip is ready.
    const download = row.getByRole("link", { name: /^Download \(zip, / });
    await expect(download).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText("Ready")).toBeVisible();
    await expect(row.getByText(/This download link works until/)).toBeVisible();
    await shoot(page, "settings-export");
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const zip = readFileSync(await file.path());
    expect(zip.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  await test.step("a wrong password deletes nothing", async () => {
    guard.allow("/api/users/me/delete"); // the 403 wrong_password this step provokes on purpose
    await page.getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account for good?" });
    await expect(dialog).toBeVisible();
    await shoot(page, "settings-delete");
    await dialog.getByLabel("Your password").fill("not-my-password");
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(dialog.getByText("That is not your current password.")).toBeVisible();
    await expect(dialog.getByLabel("Your password")).toHaveAttribute("aria-invalid", "true");
  });

  await test.step("the right password deletes the account and signs out", async () => {
    const dialog = page.getByRole("dialog", { name: "Delete your account for good?" });
    await dialog.getByLabel("Your password").fill(student.password);
    await dialog.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/account-deleted$/);
    await expect(page.getByRole("heading", { name: "Your account is deleted", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    await shoot(page, "account-deleted");
  });

  await test.step("signing in again fails", async () => {
    guard.allow("/api/auth/login"); // the 401 this step provokes on purpose
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(student.email);
    await page.getByLabel("Password").fill(student.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
  });
});

test("a student renames themselves from the account menu and changes their password", async ({ page, guard }) => {
  const student = newStudent("Ravi");
  await signUp(page, student);
  const menu = page.getByRole("button", { name: "Account: Ravi Tester" });
  await menu.click();
  await page.getByRole("link", { name: "Profile and settings" }).click();
  await expect(page.getByRole("heading", { name: "Profile", level: 2 })).toBeVisible();
  await shoot(page, "profile");

  await page.getByLabel("Display name").fill("Ravi the Builder");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your profile is saved." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Account: Ravi the Builder" })).toBeVisible();

  // A photo: previewed, saved, then shown in the header's account corner.
  await page.getByLabel("Upload a photo").setInputFiles({
    name: "me.png",
    mimeType: "image/png",
    buffer: makePng(160, 160),
  });
  await expect(page.getByText("This is how your photo will look.")).toBeVisible();
  await page.getByRole("button", { name: "Save photo" }).click();
  await expect(page.getByRole("button", { name: "Remove photo" })).toBeVisible();
  const headerPhoto = page.getByRole("button", { name: "Account: Ravi the Builder" }).locator("img");
  await expect.poll(() => headerPhoto.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

  guard.allow("/api/auth/me/password"); // the 403 wrong_password provoked on purpose
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("an-even-better-one");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription("That is not your current password.");
  await page.getByLabel("Current password").fill(student.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed." })).toBeVisible();
  // Still signed in here, on the new session: the dashboard loads.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Account: Ravi the Builder" }).click();
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, student.email, "an-even-better-one");
});

test("an e-mail's unsubscribe link works signed out; a broken one says so", async ({
  page,
  browser,
  baseURL,
  guard,
}) => {
  const student = newStudent("Ines");
  await signUp(page, student);

  let token: string | null = null;
  await test.step("an advisor's invitation is mailed to the student with an unsubscribe link", async () => {
    const advisor = await browser.newContext({ baseURL });
    await invite(advisor.request, student.username);
    await advisor.close();
    // The worker sends it shortly after (a .eml file, without SMTP_URL).
    await expect.poll(() => (token = unsubscribeToken(student.email)), { timeout: 30_000 }).not.toBeNull();
  });

  await test.step("the link, opened signed out, says what it stops and stops it", async () => {
    const stranger = await (await browser.newContext({ baseURL })).newPage();
    await stranger.goto(`/unsubscribe?token=${token!}`);
    await expect(stranger.getByRole("heading", { name: "Invitations and new links" })).toBeVisible();
    const [name, domain] = student.email.split("@");
    await expect(stranger.getByText(`${name![0]}***@${domain}`)).toBeVisible();
    await shoot(stranger, "unsubscribe");
    await stranger.getByRole("button", { name: "Unsubscribe" }).click();
    await expect(stranger.getByText("Done: you are unsubscribed.")).toBeVisible();
    await stranger.context().close();
  });

  await test.step("the student's settings show that category off", async () => {
    await page.goto("/settings");
    await expect(page.getByRole("checkbox", { name: "Invitations and new links" })).not.toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Weekly digest" })).toBeChecked();
  });

  await test.step("a link with an unknown token says it does not work", async () => {
    guard.allow("/api/mail/unsubscribe"); // the 404 invalid_unsubscribe_token provoked on purpose
    await page.goto(`/unsubscribe?token=${"x".repeat(43)}`);
    await expect(page.getByRole("alert")).toContainText("This unsubscribe link does not work.");
    await shoot(page, "unsubscribe-invalid");
  });
});

/** The seeded advisor invites `username`, through the API as the web app would. */
async function invite(request: APIRequestContext, username: string): Promise<void> {
  const login = await request.post("/api/auth/login", { data: ADVISOR });
  expect(login.status()).toBe(200);
  const csrf = (await request.storageState()).cookies.find((c) => c.name === "optio_csrf")?.value ?? "";
  const sent = await request.post("/api/links/invitations", {
    data: { recipient: username },
    headers: { "X-CSRF-Token": csrf },
  });
  expect(sent.status(), await sent.text()).toBe(201);
}

/** The token of the newest "Stop these e-mails" link mailed to `address` (the web app's page). */
function unsubscribeToken(address: string): string | null {
  let files: string[];
  try {
    files = readdirSync(MAILBOX).sort().reverse();
  } catch {
    return null; // nothing sent yet
  }
  for (const file of files) {
    const [headers = "", ...body] = readFileSync(join(MAILBOX, file), "utf8").split(/\r?\n\r?\n/);
    if (!new RegExp(`^To: ${address.replace(/[.+]/g, "\\$&")}$`, "im").test(headers)) continue;
    // The body is quoted-printable: soft line breaks, and "=" written as "=3D".
    const text = body
      .join("\n")
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const match = text.match(/\/unsubscribe\?token=([A-Za-z0-9_-]+)/);
    if (match) return match[1]!;
  }
  return null;
}
