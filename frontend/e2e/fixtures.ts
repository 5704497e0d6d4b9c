/**
 * The tests' `page`: opened on the run's API, and failing the test on any console error,
 * uncaught exception or failed request that the test did not say it expects.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { crc32, deflateSync } from "node:zlib";
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
        page.on("requestfailed", (r) => {
          const error = r.failure()?.errorText ?? "";
          // Cancelled by the browser because the test navigated on: not the app failing.
          if (error !== "net::ERR_ABORTED") problems.push(`failed: ${r.method()} ${r.url()} ${error}`);
        });
        page.on(
          "response",
          (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`),
        );
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

/**
 * A main page's check-up: full-page screenshots at desktop (1280) and phone (375) widths into
 * test-artifacts/screenshots, no horizontal scrolling on the phone, and no WCAG 2 A/AA
 * violations that axe-core can find, at either width.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  expect(await accessibilityViolations(page), `${name} at 1280 px`).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0);
  expect(await accessibilityViolations(page), `${name} at 375 px`).toEqual([]);
  await page.setViewportSize(before);
}

// Evaluated through the DevTools protocol: the app's CSP rightly refuses injected script tags.
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const result = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  });
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

/** Sign-up asks for a date of birth; the students of these flows are adults (no consent needed). */
export const ADULT_BIRTH_DATE = "1990-05-17";

export async function signUp(page: Page, student: Student): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("First name").fill(student.first);
  await page.getByLabel("Last name").fill(student.last);
  await page.getByLabel("Username").fill(student.username);
  await page.getByLabel("E-mail").fill(student.email);
  await page.getByLabel("Date of birth").fill(ADULT_BIRTH_DATE);
  await page.getByLabel("Password").fill(student.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/quests$/);
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(email === ADMIN.email ? /\/admin$/ : /\/dashboard$/);
}

export const ADMIN = { email: "admin@optio.dev", password: "optio-dev-password" };

/**
 * A real PNG made with zlib alone (no image library needed): colour bands, plus noise when
 * `noisy` (noise does not compress, so the file is as big as its pixels: ~3 bytes each).
 */
export function makePng(width = 320, height = 200, noisy = false): Buffer {
  let seed = 42;
  const noise = () => (noisy ? (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 48 : 0);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      rows.set([67 + (x % 80) + noise(), 56 + ((y * 2) % 120) + noise(), 202 - noise()], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
