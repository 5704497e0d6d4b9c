/** Helpers of the parent and advisor flows: a supporter account, a student's first completion. */
import type { Browser, Page } from "@playwright/test";
import { ADMIN, expect, logIn, newStudent, signUp, type Student } from "./fixtures";

/**
 * A new account with the role `advisor` or `parent`: signed up like anyone, then given the role
 * by the seeded admin on the admin's users page (sign-up only ever makes students).
 */
export async function newSupporter(
  browser: Browser,
  baseURL: string | undefined,
  first: string,
  role: "advisor" | "parent",
): Promise<{ page: Page; person: Student }> {
  const person = newStudent(first);
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signUp(page, person);
  const admin = await (await browser.newContext({ baseURL })).newPage();
  await logIn(admin, ADMIN.email, ADMIN.password);
  await admin.goto("/admin/users");
  await admin.getByLabel("Search e-mail, username or name").fill(person.email);
  const select = admin.getByLabel(`Role of ${person.first} ${person.last}`);
  await select.selectOption(role);
  await admin
    .getByRole("dialog")
    .getByRole("button", { name: `Make ${role}` })
    .click();
  await expect(select).toHaveValue(role);
  await admin.context().close();
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Students" })).toBeVisible();
  return { page, person };
}

/** A new student who has started `quest` and completed its first task with `text`. */
export async function studentWithCompletion(
  browser: Browser,
  baseURL: string | undefined,
  first: string,
  quest: string,
  text: string,
): Promise<{ page: Page; person: Student; task: string }> {
  const person = newStudent(first);
  const page = await (await browser.newContext({ baseURL })).newPage();
  await signUp(page, person);
  await page.getByLabel("Search").fill(quest.split(": ")[1] ?? quest);
  await page.getByRole("link", { name: quest }).click();
  await page.getByRole("button", { name: "Start quest" }).click();
  const firstTask = page.getByTestId("task").first();
  const task = (await firstTask.getByRole("heading").textContent())?.trim() ?? "";
  await firstTask.getByLabel("What did you do?").fill(text);
  await firstTask.getByRole("button", { name: "Complete task" }).click();
  await expect(firstTask.getByText(text)).toBeVisible();
  return { page, person, task };
}
