import { ADMIN, expect, logIn, newStudent, shoot, signUp, test } from "./fixtures";

test("a student proposes a quest, an admin approves it with edits and it appears in the hub; a second is rejected with notes", async ({
  browser,
  baseURL,
  guard,
}) => {
  const cleo = newStudent("Cleo");
  const title = `Build a birdhouse ${cleo.username.split("_")[1]}`;
  const studentContext = await browser.newContext({ baseURL });
  const adminContext = await browser.newContext({ baseURL });
  const student = await studentContext.newPage();
  const admin = await adminContext.newPage();
  await signUp(student, cleo);

  await test.step("the student writes a quest with two tasks and sends it for review", async () => {
    await student.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Propose a quest" }).click();
    await student.getByLabel("Quest title").fill(title);
    await student
      .getByLabel("What is it about?")
      .fill("Design, cut and assemble a birdhouse, then watch who moves in.");
    await student.getByLabel("Task 1 title").fill("Sketch the design with measurements");
    await student.getByRole("listitem", { name: "Task 1" }).getByLabel("Pillar").selectOption("stem_logic");
    await student.getByRole("button", { name: "Add a task" }).click();
    await student.getByLabel("Task 2 title").fill("Paint it and hang it up");
    await student.getByRole("listitem", { name: "Task 2" }).getByLabel("Pillar").selectOption("arts_creativity");
    await student.getByRole("listitem", { name: "Task 2" }).getByLabel("XP").fill("75");
    await student.getByRole("button", { name: "Send for review" }).click();
    await expect(student.getByText("Sent for review.")).toBeVisible();
    const mine = student.getByTestId("my-submission").filter({ hasText: title });
    await expect(mine.getByText("Waiting for review")).toBeVisible();
  });

  await test.step("without a Gemini key, asking for AI suggestions explains itself and hides the button", async () => {
    guard.allow("/api/ai/task-suggestions"); // the one 503 this step provokes on purpose
    await student.getByLabel("Quest title").fill("Grow tomatoes on a balcony");
    await student.getByRole("button", { name: "Suggest tasks" }).click();
    await expect(student.getByText("AI task suggestions are not available on this server.")).toBeVisible();
    await expect(student.getByRole("button", { name: "Suggest tasks" })).toHaveCount(0);
    await shoot(student, "propose-quest");
  });

  await test.step("the admin lands on the admin home, sees analytics and the submission in the queue", async () => {
    await logIn(admin, ADMIN.email, ADMIN.password);
    await expect(admin.getByRole("heading", { name: "Admin home", level: 1 })).toBeVisible();
    const waiting = admin.getByRole("region", { name: "Waiting for review" });
    await expect(waiting.getByText(title)).toBeVisible();
    await expect(admin.getByTestId("waiting-count")).not.toHaveText("0");
    await expect(admin.getByRole("region", { name: "Recent sign-ups" }).getByRole("listitem").first()).toBeVisible();
    // The admin's own navigation, not the student's.
    const nav = admin.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    await shoot(admin, "admin-home");
    await nav.getByRole("link", { name: "Analytics" }).click();
    await expect(admin.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
    await expect(admin.getByText("Task completions, last 30 days")).toBeVisible();
    await expect(admin.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await shoot(admin, "admin-analytics");
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Submissions" }).click();
    await expect(admin.getByRole("article", { name: `Submission: ${title}` })).toBeVisible();
    await shoot(admin, "admin-submissions");
  });

  await test.step("the admin approves it with an edited title", async () => {
    const card = admin.getByRole("article", { name: `Submission: ${title}` });
    await card.getByRole("button", { name: "Edit before approving" }).click();
    await card.getByLabel("Title", { exact: true }).fill(`${title} (reviewed)`);
    await card.getByRole("button", { name: "Approve with edits" }).click();
    await expect(admin.getByRole("article", { name: `Submission: ${title}` })).toHaveCount(0);
    // Said where a screen reader hears it, with the way to the new quest.
    const said = admin.getByRole("status").filter({ hasText: "is now a quest" });
    await expect(said).toHaveText(`Approved: ${title} (reviewed) is now a quest. Open it in the quest editor`);
    await expect(said.getByRole("link", { name: "Open it in the quest editor" })).toHaveAttribute(
      "href",
      /^\/admin\/quests\/[0-9a-f-]{36}$/,
    );
  });

  await test.step("the admin's users and quests pages list the new student and quest", async () => {
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await admin.getByLabel("Search e-mail, username or name").fill(cleo.email);
    await expect(admin.getByRole("cell", { name: new RegExp(cleo.email) })).toBeVisible();
    await shoot(admin, "admin-users");
    // A tier change asks first; Cancel leaves the saved tier in place.
    const tier = admin.getByLabel("Tier of Cleo Tester");
    const ask = admin.getByRole("dialog", { name: "Move Cleo Tester to the Academy tier?" });
    await tier.selectOption("academy");
    await expect(ask).toContainText("Nothing is charged or refunded");
    await ask.getByRole("button", { name: "Cancel" }).click();
    await expect(ask).toHaveCount(0);
    await expect(tier).toHaveValue("free");
    await admin.reload();
    await expect(admin.getByLabel("Tier of Cleo Tester")).toHaveValue("free"); // nothing was saved
    await admin.getByLabel("Tier of Cleo Tester").selectOption("academy");
    await ask.getByRole("button", { name: "Move to Academy" }).click();
    await expect(
      admin.getByRole("status").filter({ hasText: "Cleo Tester is now on the Academy tier." }),
    ).toBeVisible();
    await expect(admin.getByLabel("Tier of Cleo Tester")).toHaveValue("academy");
    await expect(admin.getByLabel("Tier of Cleo Tester")).toBeEnabled();
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quests" }).click();
    await admin.getByLabel("Search quests").fill(title);
    await admin.getByRole("link", { name: `${title} (reviewed)` }).click();
    await expect(admin.getByLabel("Title", { exact: true }).first()).toHaveValue(`${title} (reviewed)`);
    await shoot(admin, "admin-quest-editor");
    await admin.getByRole("button", { name: "Add a task" }).click();
    const added = admin.getByRole("list", { name: "Tasks" }).getByRole("listitem").last();
    await expect(added.getByLabel("Title")).toHaveValue("New task");
    await added.getByLabel("Title").fill("Watch who moves in for a week");
    await expect(added.getByLabel("Description")).toHaveValue("");
    await added.getByLabel("Description").fill("Note every visitor, with the day and the time.");
    await added.getByLabel("XP").fill("60");
    await added.getByRole("button", { name: "Save task" }).click();
    await expect(added.getByRole("button", { name: "Save task" })).toBeDisabled();
    await admin.reload();
    const saved = admin.getByRole("list", { name: "Tasks" }).getByRole("listitem").last();
    await expect(saved.getByLabel("Title")).toHaveValue("Watch who moves in for a week");
    await expect(saved.getByLabel("Description")).toHaveValue("Note every visitor, with the day and the time.");
  });

  await test.step("without a Gemini key, the admin's AI draft screen explains itself and offers no button", async () => {
    guard.allow("/api/ai/quest-drafts"); // the one 503 this step provokes on purpose
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Quests" }).click();
    await admin.getByRole("link", { name: "Draft with AI" }).click();
    await expect(admin.getByRole("heading", { name: "Draft a quest with AI", level: 1 })).toBeVisible();
    await admin.getByLabel("Topic").fill("Build a rain gauge and track a month of weather");
    await admin.getByRole("button", { name: "Draft with AI" }).click();
    await expect(
      admin.getByRole("heading", { name: "AI quest drafts are not available on this server." }),
    ).toBeVisible();
    await expect(admin.getByRole("button", { name: "Draft with AI" })).toHaveCount(0);
    await shoot(admin, "admin-ai-draft");
  });

  await test.step("the quest is in the hub, the author is enrolled and was notified", async () => {
    await student.goto(`/quests?search=${encodeURIComponent(title)}`);
    const card = student.getByRole("article").filter({ hasText: `${title} (reviewed)` });
    await expect(card).toBeVisible();
    await expect(card.getByText("In progress")).toBeVisible();
    await student.goto("/notifications");
    const nav = student.getByRole("navigation", { name: "Main" });
    // The approval, and the plan the admin gave her.
    await expect(nav.getByRole("link", { name: "Notifications 2 unread" })).toBeVisible();
    await expect(student.getByRole("heading", { level: 2, name: /^Unread: / })).toHaveCount(2);
    await shoot(student, "notifications");
    await student.getByRole("button", { name: "Mark read" }).first().click();
    await expect(nav.getByRole("link", { name: "Notifications 1 unread" })).toBeVisible();
    await student.getByRole("button", { name: "Mark read" }).click();
    await expect(nav.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
    await expect(student.getByRole("button", { name: "Mark read" })).toHaveCount(0);
    await student.goto("/billing");
    // The admin moved her to Academy a moment ago; the page reads her tier afresh.
    await expect(student.getByRole("article", { name: "Academy plan" }).getByText("Your plan")).toBeVisible();
    await expect(student.getByText("Payments are not set up on this server")).toBeVisible();
    await shoot(student, "billing");
    // Where Stripe sends the browser back after a checkout.
    await student.goto("/billing/success");
    await expect(student.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await shoot(student, "billing-success");
    await student.goto("/billing/cancel");
    await expect(student.getByRole("heading", { name: "Checkout cancelled" })).toBeVisible();
    await shoot(student, "billing-cancel");
  });

  await test.step("on the Academy tier the admin gave her, the student's public diploma is accredited", async () => {
    await student.goto("/diploma");
    await student.getByLabel("Public: anyone with the link can see my diploma").check();
    await student.getByRole("button", { name: "Save" }).click();
    await expect(student.getByText("Your diploma is public.")).toBeVisible();
    await student.getByRole("link", { name: "View diploma" }).click();
    await expect(student.getByTestId("accredited")).toHaveText(/Accredited by Optio/);
    await shoot(student, "public-diploma-accredited");
  });

  await test.step("a second proposal is rejected with notes, which the student reads", async () => {
    const second = `Juggle three balls ${cleo.username.split("_")[1]}`;
    await student.goto("/submissions");
    await student.getByLabel("Quest title").fill(second);
    await student.getByLabel("Task 1 title").fill("Juggle for one minute");
    await student.getByRole("button", { name: "Send for review" }).click();
    await expect(student.getByText("Sent for review.")).toBeVisible();

    await admin.goto("/admin/submissions");
    const card = admin.getByRole("article", { name: `Submission: ${second}` });
    await card.getByLabel("Notes for the author (needed to reject)").fill("Add a task that shows your progress.");
    await card.getByRole("button", { name: "Reject" }).click();
    await expect(card).toHaveCount(0);
    await admin.getByLabel("Show").selectOption("rejected");
    await expect(admin.getByRole("article", { name: `Submission: ${second}` })).toContainText("Rejected");

    await student.reload();
    const mine = student.getByTestId("my-submission").filter({ hasText: second });
    await expect(mine.getByText("Not approved")).toBeVisible();
    await expect(mine.getByText("Reviewer's notes: Add a task that shows your progress.")).toBeVisible();
  });

  await studentContext.close();
  await adminContext.close();
});
