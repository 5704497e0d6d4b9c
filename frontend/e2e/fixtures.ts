/**
 * The tests' `page`: opened on the run's API, and failing the test on any console error,
 * uncaught exception or failed request that the test did not say it expects.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { SCREENSHOTS } from "./paths";

interface Guard {
  /** Problems that are part of the test (e.g. a 401 for a wrong password), by substring. */
  allow(pattern: string): void;
}

export const test = base.extend<{ guard: Guard }>({
  baseURL: async ({}, use) => use(process.env.E2E_BASE_URL),
  guard: [
    async ({ context }, use) => {
      const problems: string[] = [];
      const allowed: string[] = [];
      const watch = (page: Page) => {
        page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()} @ ${m.location().url}`));
        page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
        page.on("requestfailed", (r) => problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`));
        page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`));
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use({ allow: (pattern) => allowed.push(pattern) });
      const unexpected = problems.filter((p) => !allowed.some((a) => p.includes(a)));
      expect(unexpected, "console errors or failed requests").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** A full-page screenshot at desktop (1280) and phone (375) widths, into test-artifacts/screenshots. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(before);
}

let counter = 0;

/** A new student's details, unique within and across runs. */
export function newStudent(first: string) {
  const tag = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  return {
    first,
    last: "Tester",
    username: `${first.toLowerCase()}_${tag}`,
    email: `${first.toLowerCase()}.${tag}@example.com`,
    password: "correct-horse-battery",
  };
}

export type Student = ReturnType<typeof newStudent>;

export async function signUp(page: Page, student: Student): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("First name").fill(student.first);
  await page.getByLabel("Last name").fill(student.last);
  await page.getByLabel("Username").fill(student.username);
  await page.getByLabel("E-mail").fill(student.email);
  await page.getByLabel("Password").fill(student.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/quests$/);
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export const ADMIN = { email: "admin@optio.dev", password: "optio-dev-password" };

/** A valid 8×8 PNG (a red square), made without any image library. */
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4o6SEFTEMLQkAvM5EAT6yk8sAAAAASUVORK5CYII=",
  "base64",
);
