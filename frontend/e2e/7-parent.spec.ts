import { expect, shoot, test } from "./fixtures";
import { newSupporter, studentWithCompletion } from "./links";

test("a parent links two children, switches between them, reads their evidence and suggests a quest", async ({
  browser,
  baseURL,
}) => {
  const kimWork = "I budgeted a month of pocket money and saved a fifth of it.";
  const leeWork = "I wrote three sentences with semicolons and checked them twice.";
  const kim = await studentWithCompletion(browser, baseURL, "Kim", "Khan Academy: Personal Finance Basics", kimWork);
  const lee = await studentWithCompletion(browser, baseURL, "Lee", "Khan Academy: Grammar Essentials", leeWork);
  const parent = await newSupporter(browser, baseURL, "Pam", "parent");
  const kimName = `${kim.person.first} ${kim.person.last}`;
  const leeName = `${lee.person.first} ${lee.person.last}`;

  await test.step("the parent invites one child by e-mail and the other by username; both accept", async () => {
    const page = parent.page;
    await page.goto("/links");
    for (const recipient of [kim.person.email, lee.person.username]) {
      await page.getByLabel("Student's username or e-mail").fill(recipient);
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText(`Invitation sent to ${recipient}.`)).toBeVisible();
    }
    for (const child of [kim, lee]) {
      await child.page.goto("/links");
      await child.page.getByRole("button", { name: "Accept: Pam Tester" }).click();
      // A parent's link shows evidence unless the child narrows it.
      await expect(child.page.getByRole("radio", { name: /^Evidence/ })).toBeChecked();
    }
  });

  await test.step("the parent switches between the children and sees each one's evidence", async () => {
    const page = parent.page;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Students" }).click();
    await expect(page.getByRole("heading", { name: "Your children", level: 1 })).toBeVisible();
    const child = page.getByLabel("Child");
    await child.selectOption({ label: kimName });
    await expect(page.getByRole("heading", { name: kimName, level: 2 })).toBeVisible();
    await expect(page.getByText(kimWork)).toBeVisible();
    await child.selectOption({ label: leeName });
    await expect(page.getByRole("heading", { name: leeName, level: 2 })).toBeVisible();
    await expect(page.getByText(leeWork)).toBeVisible();
    await expect(page.getByText(kimWork)).toHaveCount(0);
    await expect(page.getByRole("link", { name: `Open ${leeName}'s diploma` })).toBeVisible();
    await shoot(page, "students-parent");
  });

  await test.step("the parent suggests a quest and the child is told", async () => {
    const page = parent.page;
    await page.getByLabel("Quest", { exact: true }).selectOption({ label: "Khan Academy: Intro to Algebra" });
    await page.getByLabel("Note (optional)").fill("You liked puzzles last summer.");
    await page.getByRole("button", { name: "Suggest", exact: true }).click();
    await expect(page.getByText(`Suggested Khan Academy: Intro to Algebra to ${leeName}.`)).toBeVisible();
    await lee.page.goto("/notifications");
    await expect(lee.page.getByText("Pam Tester suggests a quest: Khan Academy: Intro to Algebra")).toBeVisible();
  });

  for (const context of [kim, lee, parent]) await context.page.context().close();
});
