import { readFileSync } from "node:fs";
import { ADMIN, expect, logIn, newStudent, shoot, signUp, test } from "./fixtures";

const QUEST = "Brilliant: Scientific Thinking";

test("a student earns a quest's credential, anyone verifies it in the browser, and an admin revokes it", async ({
  page,
  browser,
  baseURL,
}) => {
  const iris = newStudent("Iris");
  await signUp(page, iris);

  await test.step("complete every task of a quest", async () => {
    await page.getByLabel("Search").fill("Scientific Thinking");
    await page.getByRole("link", { name: QUEST, exact: true }).click();
    await page.getByRole("button", { name: "Start quest" }).click();
    const tasks = page.getByTestId("task");
    await expect(tasks.first().getByRole("button", { name: "Complete task" })).toBeVisible();
    const count = await tasks.count();
    for (let i = 0; i < count; i++) {
      const task = tasks.nth(i);
      await task.getByLabel("What did you do?").fill(`Task ${i + 1}: solved the puzzles and wrote down each step.`);
      await task.getByRole("button", { name: "Complete task" }).click();
      await expect(task.getByRole("button", { name: "Complete task" })).toHaveCount(0);
    }
    await expect(page.getByTestId("celebration")).toBeVisible();
  });

  let verifyPath = "";
  let downloaded = "";
  await test.step("download the credential from the quest's page", async () => {
    const card = page.getByRole("region", { name: "Your credential", exact: true });
    const saving = page.waitForEvent("download");
    await card.getByRole("button", { name: /^Download credential/ }).click();
    const download = await saving;
    expect(download.suggestedFilename()).toBe("brilliant-scientific-thinking-credential.json");
    downloaded = readFileSync(await download.path(), "utf8");
    const credential = JSON.parse(downloaded) as { type: string[]; proof: { cryptosuite: string } };
    expect(credential.type).toContain("OpenBadgeCredential");
    expect(credential.proof.cryptosuite).toBe("eddsa-rdfc-2022");
    verifyPath = (await card.getByRole("link", { name: /^Verify/ }).getAttribute("href")) ?? "";
    expect(verifyPath).toMatch(/^\/verify\/[0-9a-f-]{36}$/);
    const linkedIn = new URL((await card.getByRole("link", { name: /Add to LinkedIn/ }).getAttribute("href")) ?? "");
    expect(linkedIn.searchParams.get("certUrl")).toBe(`${baseURL}${verifyPath}`);
    expect(linkedIn.searchParams.get("name")).toBe(QUEST);
  });

  let diplomaUrl = "";
  await test.step("publish the diploma, where the credential is listed too", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Diploma" }).click();
    await page.getByLabel("Public: anyone with the link can see my diploma").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Your diploma is public.")).toBeVisible();
    diplomaUrl = (await page.getByTestId("diploma-url").textContent()) ?? "";
    const mine = page.getByRole("region", { name: "Your credentials", exact: true });
    await expect(mine.getByText(QUEST, { exact: true })).toBeVisible();
    await expect(mine.getByRole("button", { name: `Download credential of ${QUEST}` })).toBeVisible();
  });

  const visitor = await browser.newContext({ baseURL });
  const anon = await visitor.newPage();

  await test.step("signed out, the verify page checks it in the browser: verified", async () => {
    await anon.goto(verifyPath);
    await expect(anon.getByRole("heading", { name: "Verified", level: 2 })).toBeVisible({ timeout: 20_000 });
    const result = anon.getByTestId("verification");
    await expect(result.getByText("Signature: Passed.")).toBeVisible();
    await expect(result.getByText("Revocation status: Passed.")).toBeVisible();
    await expect(result.getByText("Dates: Passed.")).toBeVisible();
    await expect(anon.getByText("Recipient identity is hashed")).toBeVisible();
    await expect(anon.getByText(/^did:web:127\.0\.0\.1%3A\d+$/)).toBeVisible();
    await anon.getByRole("button", { name: "Check with Optio's server" }).click();
    await expect(anon.getByText("Optio's server: verified.")).toBeVisible();
    await expect(anon.getByRole("button", { name: "Revoke this credential" })).toHaveCount(0);
    await shoot(anon, "verify-credential");
  });

  await test.step("signed out, the public diploma offers the credential and the whole learner record, which verifies", async () => {
    await anon.goto(diplomaUrl);
    const quest = anon.getByRole("region", { name: "Completed quests" }).getByRole("article", { name: QUEST });
    await expect(quest.getByRole("button", { name: `Download credential of ${QUEST}` })).toBeVisible();
    const saving = anon.waitForEvent("download");
    await anon.getByRole("link", { name: "Download learner record" }).click();
    const record = JSON.parse(readFileSync(await (await saving).path(), "utf8")) as { type: string[] };
    expect(record.type).toContain("ClrCredential");
    await anon.goto("/verify");
    await anon.getByLabel("Paste the credential's JSON").fill(JSON.stringify(record));
    await anon.getByRole("button", { name: "Check this credential" }).click();
    await expect(anon.getByRole("heading", { name: "Verified", level: 2 })).toBeVisible({ timeout: 20_000 });
  });

  await test.step("an admin revokes it from the verify page, with a reason and a confirmation", async () => {
    const adminContext = await browser.newContext({ baseURL });
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    await admin.goto(verifyPath);
    await expect(admin.getByRole("heading", { name: "Verified", level: 2 })).toBeVisible({ timeout: 20_000 });
    await admin.getByRole("button", { name: "Revoke this credential" }).click();
    await expect(admin.getByLabel("Reason (the student sees it)")).toBeFocused();
    await admin.getByLabel("Reason (the student sees it)").fill("Awarded by mistake during a test.");
    await admin.getByRole("button", { name: "Revoke this credential" }).click();
    await expect(admin.getByRole("button", { name: "Yes, revoke it" })).toBeFocused();
    await admin.getByRole("button", { name: "Yes, revoke it" }).click();
    await expect(admin.getByRole("heading", { name: "Revoked", level: 2 })).toBeVisible({ timeout: 20_000 });
    await expect(admin.getByTestId("verification").getByText("Revocation status: Revoked.")).toBeVisible();
    await adminContext.close();
  });

  await test.step("signed out again, the verify page and the diploma show it revoked", async () => {
    await anon.goto(verifyPath);
    await expect(anon.getByRole("heading", { name: "Revoked", level: 2 })).toBeVisible({ timeout: 20_000 });
    await shoot(anon, "verify-revoked");
    await anon.goto(diplomaUrl);
    const quest = anon.getByRole("region", { name: "Completed quests" }).getByRole("article", { name: QUEST });
    await expect(quest.getByText("Credential revoked")).toBeVisible();
    await expect(quest.getByRole("button", { name: /Download credential/ })).toHaveCount(0);
    await expect(anon.getByRole("link", { name: "Download learner record" })).toHaveCount(0);
  });

  await test.step("a pasted copy is checked the same way, and a changed one is not valid", async () => {
    await anon.goto("/verify");
    await anon.getByLabel("Paste the credential's JSON").fill("{ not json");
    await anon.getByRole("button", { name: "Check this credential" }).click();
    await expect(anon.getByLabel("Paste the credential's JSON")).toHaveAccessibleDescription(/This is not JSON/);
    await shoot(anon, "verify-paste");
    await anon.getByLabel("Paste the credential's JSON").fill(downloaded);
    await anon.getByRole("button", { name: "Check this credential" }).click();
    await expect(anon.getByRole("heading", { name: "Revoked", level: 2 })).toBeVisible({ timeout: 20_000 });
    const changed = downloaded.replace(`"name": "${QUEST}"`, `"name": "Rocket science"`);
    expect(changed).not.toBe(downloaded);
    await anon.getByRole("button", { name: "Check another credential" }).click();
    await anon.getByLabel("Or choose a .json file").setInputFiles({
      name: "changed.json",
      mimeType: "application/json",
      buffer: Buffer.from(changed),
    });
    await expect(anon.getByRole("heading", { name: "Not valid (tampered or not from its issuer)" })).toBeVisible({
      timeout: 20_000,
    });
  });
  await visitor.close();
});
