import { expect, shoot, test } from "./fixtures";
import { newSupporter, studentWithCompletion } from "./links";

test("an advisor invites a student, who accepts; they talk about a completed task in its feedback thread", async ({
  browser,
  baseURL,
}) => {
  const essay = "I compared two cave paintings and wrote what each one tells us about its makers.";
  const student = await studentWithCompletion(browser, baseURL, "Sol", "Khan Academy: Art History Basics", essay);
  const advisor = await newSupporter(browser, baseURL, "Ada", "advisor");
  const sol = `${student.person.first} ${student.person.last}`;
  const ada = `${advisor.person.first} ${advisor.person.last}`;

  await test.step("the advisor invites the student by username", async () => {
    const page = advisor.page;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Links" }).click();
    await expect(page.getByText("No links yet")).toBeVisible();
    await page.getByLabel("Student's username or e-mail").fill(student.person.username);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`Invitation sent to ${student.person.username}.`)).toBeVisible();
    const sent = page.getByRole("list", { name: "Sent invitations" });
    await expect(sent.getByText(sol)).toBeVisible();
    await expect(sent.getByRole("button", { name: `Cancel: ${sol}` })).toBeVisible();
    await shoot(page, "links-supporter");
  });

  await test.step("the student sees the invitation, accepts it and sees what the advisor sees", async () => {
    const page = student.page;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Links" }).click();
    const incoming = page.getByRole("list", { name: "Invitations for you" });
    await expect(incoming.getByText(ada)).toBeVisible();
    await shoot(page, "links-student");
    await incoming.getByRole("button", { name: `Accept: ${ada}` }).click();
    await expect(page.getByText("No invitations waiting for you.")).toBeVisible();
    const link = page.getByRole("list", { name: "Links" }).getByTestId("link");
    await expect(link.getByRole("heading", { name: ada })).toBeVisible();
    await expect(link.getByRole("radio", { name: /^Progress/ })).toBeChecked();
  });

  await test.step("the advisor opens the student's completion and leaves feedback", async () => {
    const page = advisor.page;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Students" }).click();
    const card = page.getByTestId("student").filter({ hasText: sol });
    await expect(card.getByText("XP this week")).toBeVisible();
    await shoot(page, "students");
    await card.getByRole("link", { name: sol }).click();
    await expect(page.getByRole("heading", { name: sol, level: 1 })).toBeVisible();
    const done = page.getByTestId("completion").filter({ hasText: student.task });
    // An advisor's link shows progress unless the student widens it: no evidence text.
    await expect(done.getByText("shares progress only with you")).toBeVisible();
    await expect(page.getByText(essay)).toHaveCount(0);
    await done.getByRole("button", { name: `Give feedback: ${student.task}` }).click();
    await done.getByLabel("Your feedback").fill("Good comparison. Which of the two is older, and how do we know?");
    await done.getByRole("button", { name: "Send feedback" }).click();
    await expect(done.getByText("Which of the two is older")).toBeVisible();
    await shoot(page, "student-overview");
  });

  await test.step("the student sees the feedback on the quest page and replies", async () => {
    const page = student.page;
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Khan Academy: Art History Basics" }).first().click();
    const task = page.getByTestId("task").filter({ hasText: student.task });
    const thread = task.getByRole("list", { name: `Feedback on ${student.task}` });
    await expect(thread.getByText("Which of the two is older")).toBeVisible();
    await expect(thread.getByText(ada)).toBeVisible();
    await task.getByLabel("Your reply").fill("The Lascaux one: carbon dating of the charcoal.");
    await task.getByRole("button", { name: "Reply" }).click();
    await expect(thread.getByText("carbon dating of the charcoal")).toBeVisible();
    await shoot(page, "quest-feedback");
  });

  await test.step("the advisor sees the reply", async () => {
    const page = advisor.page;
    await page.reload();
    const done = page.getByTestId("completion").filter({ hasText: student.task });
    await done.getByRole("button", { name: `Feedback (2): ${student.task}` }).click();
    const thread = done.getByRole("list", { name: `Feedback on ${student.task}` });
    await expect(thread.getByText("carbon dating of the charcoal")).toBeVisible();
    await expect(thread.getByText(sol)).toBeVisible();
  });

  await student.page.context().close();
  await advisor.page.context().close();
});

test("a student links an advisor with a code, then narrows what they see from evidence to progress", async ({
  browser,
  baseURL,
}) => {
  const essay = "My timeline of the Silk Road, with the goods traded at each city.";
  const student = await studentWithCompletion(browser, baseURL, "Tia", "Khan Academy: World History to 1450", essay);
  const advisor = await newSupporter(browser, baseURL, "Bo", "advisor");
  const tia = `${student.person.first} ${student.person.last}`;
  const bo = `${advisor.person.first} ${advisor.person.last}`;
  let code = "";

  await test.step("the student makes a one-time code that shows evidence", async () => {
    const page = student.page;
    await page.goto("/links");
    await page.getByLabel("What they will see").selectOption("evidence");
    await page.getByRole("button", { name: "Make a code" }).click();
    code = (await page.getByTestId("link-code-value").textContent()) ?? "";
    expect(code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    await expect(page.getByRole("list", { name: "Your unused codes" }).getByText("One-time code")).toBeVisible();
  });

  await test.step("the advisor enters the code and sees the evidence", async () => {
    const page = advisor.page;
    await page.goto("/links");
    await page.getByRole("textbox", { name: "Code" }).fill(code);
    await page.getByRole("button", { name: "Link", exact: true }).click();
    await expect(page.getByText(`You are now linked with ${tia}.`)).toBeVisible();
    await page.getByRole("list", { name: "Links" }).getByRole("link", { name: tia }).click();
    await expect(page.getByRole("heading", { name: tia, level: 1 })).toBeVisible();
    await expect(page.getByText(essay)).toBeVisible();
  });

  await test.step("the student narrows the advisor's scope to progress", async () => {
    const page = student.page;
    await page.reload();
    const link = page.getByTestId("link").filter({ hasText: bo });
    await expect(link.getByRole("radio", { name: /^Evidence/ })).toBeChecked();
    await link.getByRole("radio", { name: /^Progress/ }).check();
    await expect(link.getByText(`Saved: ${bo} now sees quests, tasks done, XP`)).toBeVisible();
    await page.reload();
    await expect(link.getByRole("radio", { name: /^Progress/ })).toBeChecked();
  });

  await test.step("the advisor no longer sees the evidence text", async () => {
    const page = advisor.page;
    await page.reload();
    const done = page.getByTestId("completion").filter({ hasText: student.task });
    await expect(done.getByText("shares progress only with you")).toBeVisible();
    await expect(page.getByText(essay)).toHaveCount(0);
  });

  await student.page.context().close();
  await advisor.page.context().close();
});
