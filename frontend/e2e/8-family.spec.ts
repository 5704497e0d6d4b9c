import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, newStudent, shoot, test } from "./fixtures";
import { newSupporter } from "./links";
import { REPO } from "./paths";

/** A date of birth `years` ago (the 1st of this month: no leap-day surprises). */
function bornYearsAgo(years: number): string {
  const now = new Date();
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  return `${now.getUTCFullYear() - years}-${month}-01`;
}

/** Start `quest` from the hub and complete its first task with `text`. */
async function completeFirstTask(page: Page, quest: string, text: string): Promise<void> {
  await page.goto("/quests");
  await page.getByLabel("Search").fill(quest.split(": ")[1] ?? quest);
  await page.getByRole("link", { name: quest }).click();
  await page.getByRole("button", { name: "Start quest" }).click();
  const firstTask = page.getByTestId("task").first();
  await firstTask.getByLabel("What did you do?").fill(text);
  await firstTask.getByRole("button", { name: "Complete task" }).click();
  await expect(firstTask.getByText(text)).toBeVisible();
}

/**
 * The consent link mailed to `address`: the run's API has no SMTP_URL, so its worker writes each
 * message as a .eml file under OPTIO_DATA_DIR/mail (.optio/e2e/mail).
 */
async function mailedConsentToken(address: string): Promise<string> {
  const dir = join(REPO, ".optio", "e2e", "mail");
  for (let i = 0; i < 100; i++) {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".eml"));
    } catch {
      // no mail written yet
    }
    for (const name of names) {
      const raw = readFileSync(join(dir, name), "utf8");
      if (!new RegExp(`^To: ${address.replace(/[.]/g, "\\.")}$`, "m").test(raw)) continue;
      const base64 = /^Content-Transfer-Encoding: base64$/m.test(raw);
      const body = raw.slice(raw.search(/\r?\n\r?\n/));
      const text = base64 ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8") : body;
      const match = text.replace(/=\r?\n/g, "").match(/\/consent\/([0-9a-f]{64})/);
      if (match?.[1]) return match[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no consent e-mail to ${address} in ${dir}`);
}

test("a parent adds a child, who signs in with a username and works; the parent sees it and withdraws consent", async ({
  browser,
  baseURL,
}) => {
  const work = "I drew a map of our street and counted the trees on it.";
  const parent = await newSupporter(browser, baseURL, "Pia", "parent");
  const child = { ...newStudent("Lou"), first: "Lou" };
  let childId = "";

  await test.step("the parent adds a child from the Children page", async () => {
    const page = parent.page;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Children" }).click();
    await expect(page.getByRole("heading", { name: "Children's accounts", level: 1 })).toBeVisible();
    await expect(page.getByText("No children yet")).toBeVisible();
    await page.getByLabel("Child's first name").fill(child.first);
    await page.getByLabel("Child's username").fill(child.username);
    await page.getByLabel("Child's password").fill(child.password);
    await page.getByLabel("Child's date of birth").fill(bornYearsAgo(9));
    const made = page.waitForResponse((r) => r.url().endsWith("/api/children") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Add child" }).click();
    childId = ((await (await made).json()) as { id: string }).id;
    await expect(page.getByRole("status")).toHaveText(
      `Added ${child.first}: they sign in with the username ${child.username}.`,
    );
    await expect(page.getByTestId("child")).toContainText(child.first);
    await shoot(page, "children");
  });

  await test.step("the child signs in with the username and completes a task", async () => {
    const page = await (await browser.newContext({ baseURL })).newPage();
    await page.goto("/login");
    await page.getByLabel("E-mail or username").fill(child.username);
    await page.getByLabel("Password").fill(child.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    // The parent's consent came with the account: nothing waits for it.
    await expect(page.getByRole("complementary", { name: "Parental consent" })).toHaveCount(0);
    await completeFirstTask(page, "Khan Academy: Intro to Algebra", work);
    await page.context().close();
  });

  await test.step("the parent sees the child's completion", async () => {
    const page = parent.page;
    await page.goto(`/students/${childId}`);
    await expect(page.getByText(work)).toBeVisible();
  });

  await test.step("the parent withdraws the consent, after a confirmation", async () => {
    const page = parent.page;
    await page.goto("/children");
    await page.getByRole("button", { name: `Withdraw consent for ${child.first}` }).click();
    await expect(page.getByRole("alertdialog", { name: `Withdraw consent for ${child.first}?` })).toBeVisible();
    await page.getByRole("button", { name: "Yes, withdraw" }).click();
    await expect(page.getByText("No children yet")).toBeVisible();
  });

  await parent.page.context().close();
});

test("a child under 13 who signed up asks a parent by e-mail; the parent consents through the link, signed out, and withdraws it", async ({
  browser,
  baseURL,
  page,
  guard,
}) => {
  guard.allow("/api/users/me/diploma"); // the 403 consent_required this test provokes on purpose
  const kid = newStudent("Kai");
  const parentAddress = `guardian.${kid.username}@example.com`;

  await test.step("signing up under 13 leads to the consent page", async () => {
    await page.goto("/signup");
    await page.getByLabel("First name").fill(kid.first);
    await page.getByLabel("Username").fill(kid.username);
    await page.getByLabel("E-mail").fill(kid.email);
    await page.getByLabel("Date of birth").fill(bornYearsAgo(10));
    await page.getByLabel("Password").fill(kid.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/consent$/);
    await expect(page.getByRole("heading", { name: "Waiting for a parent" })).toBeVisible();
    await expect(page.getByTestId("last-request")).toHaveText("You have not asked a parent yet.");
  });

  await test.step("the diploma cannot be made public yet, and says why", async () => {
    await page.goto("/diploma");
    await page.getByLabel("Public: anyone with the link can see my diploma").check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("A parent must consent first");
    await expect(page.getByRole("link", { name: "Ask a parent for consent" })).toBeVisible();
  });

  await test.step("the dashboard's banner leads to the consent page, which sends the request", async () => {
    await page.goto("/dashboard");
    await page
      .getByRole("complementary", { name: "Parental consent" })
      .getByRole("link", { name: "Ask a parent" })
      .click();
    await expect(page).toHaveURL(/\/consent$/);
    await page.getByLabel("Your parent's e-mail").fill(parentAddress);
    await page.getByRole("button", { name: "Send request" }).click();
    await expect(page.getByRole("status")).toHaveText(`Request sent to ${parentAddress}.`);
    await expect(page.getByTestId("last-request")).toContainText(`Your last request went to ${parentAddress} on`);
    await shoot(page, "consent-child");
  });

  const token = await mailedConsentToken(parentAddress);
  const parent = await (await browser.newContext({ baseURL })).newPage();

  await test.step("the parent opens the link signed out, reads what Optio keeps and consents", async () => {
    await parent.goto(`/consent/${token}`);
    await expect(parent.getByRole("heading", { name: `${kid.first} asks for your consent` })).toBeVisible();
    await expect(parent.getByRole("heading", { name: "What Optio keeps" })).toBeVisible();
    await expect(parent.getByText(/^Privacy notice version \S+\.$/)).toBeVisible();
    await shoot(parent, "consent-parent");
    await parent.getByRole("button", { name: "Consent" }).click();
    await expect(parent.getByText(`You consented. ${kid.first} can make their diploma public`)).toBeVisible();
  });

  await test.step("the child sees the consent in force, and the banner is gone", async () => {
    await page.goto("/consent");
    await expect(page.getByRole("heading", { name: "A parent has consented" })).toBeVisible();
    await expect(page.getByText(`Given by ${parentAddress} by the e-mailed link`)).toBeVisible();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Parental consent" })).toHaveCount(0);
  });

  await test.step("the parent withdraws the consent through the same link", async () => {
    await parent.reload();
    await parent.getByRole("button", { name: `Withdraw consent for ${kid.first}` }).click();
    await parent.getByRole("button", { name: "Yes, withdraw" }).click();
    await expect(parent.getByText(`You withdrew your consent. ${kid.first}'s diploma is private again`)).toBeVisible();
    await page.goto("/consent");
    await expect(page.getByRole("heading", { name: "Waiting for a parent" })).toBeVisible();
  });

  await parent.context().close();
});

test("a consent link that is not one says so in plain words", async ({ page, guard }) => {
  guard.allow(`/api/consent/links/${"0".repeat(64)}`); // the 404 of a link nobody was sent
  await page.goto(`/consent/${"0".repeat(64)}`);
  await expect(page.getByRole("alert")).toContainText("This consent link is not valid.");
  await page.goto("/consent/not-a-link");
  await expect(page.getByRole("alert")).toContainText("This consent link is not valid.");
});
