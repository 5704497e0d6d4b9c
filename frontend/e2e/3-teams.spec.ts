import { expect, newStudent, shoot, signUp, test } from "./fixtures";

const QUEST = "Khan Academy: Art History Basics";
const SECOND_QUEST = "Brilliant: Logic";

test("two students team up on a quest: one sends, the other accepts, both see the shared progress", async ({
  browser,
  baseURL,
}) => {
  const ana = newStudent("Ana");
  const ben = newStudent("Ben");
  const anaContext = await browser.newContext({ baseURL });
  const benContext = await browser.newContext({ baseURL });
  const anaPage = await anaContext.newPage();
  const benPage = await benContext.newPage();
  await signUp(anaPage, ana);
  await signUp(benPage, ben);

  await test.step("Ana starts a quest and asks Ben, by username, to join her on it", async () => {
    await anaPage.getByRole("link", { name: QUEST }).click();
    await anaPage.getByRole("button", { name: "Start quest" }).click();
    await expect(anaPage.getByRole("button", { name: "Abandon quest" })).toBeVisible();
    await anaPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
    await anaPage.getByLabel("Username or e-mail").fill(ben.username);
    await anaPage.getByLabel("On a quest (optional)").selectOption({ label: QUEST });
    await anaPage.getByLabel("Message (optional)").fill("Want to learn art history together?");
    await anaPage.getByRole("button", { name: "Send request" }).click();
    await expect(anaPage.getByText(`Request sent to ${ben.username}.`)).toBeVisible();
    const sent = anaPage.getByRole("list", { name: "Sent requests" });
    await expect(sent.getByText("Ben Tester")).toBeVisible();
    await expect(sent.getByRole("button", { name: "Cancel request: Ben Tester" })).toBeVisible();
  });

  await test.step("Ben sees the request and accepts it", async () => {
    await benPage.goto("/team");
    const incoming = benPage.getByRole("list", { name: "Incoming requests" });
    await expect(incoming.getByText("Ana Tester")).toBeVisible();
    await expect(incoming.getByText(`On: ${QUEST}`)).toBeVisible();
    await shoot(benPage, "team");
    await incoming.getByRole("button", { name: "Accept: Ana Tester" }).click();
    await expect(benPage.getByText("No requests waiting for you.")).toBeVisible();
    const teammates = benPage.getByRole("list", { name: "Teammates" });
    await expect(teammates.getByRole("heading", { name: "Ana Tester" })).toBeVisible();
    await expect(teammates.getByText(`${QUEST}: 0 of 4 tasks`)).toBeVisible();
  });

  await test.step("accepting enrolled Ben in the quest, and Ana sees Ben as a teammate", async () => {
    await benPage.goto("/dashboard");
    await expect(benPage.getByRole("link", { name: QUEST })).toBeVisible();
    await anaPage.reload();
    await expect(
      anaPage.getByRole("list", { name: "Teammates" }).getByRole("heading", { name: "Ben Tester" }),
    ).toBeVisible();
    await expect(anaPage.getByText("You have no pending requests.")).toBeVisible();
  });

  await test.step("Ben's notice of the request was read when he answered; Ana's notice of his yes leads to the team page", async () => {
    await benPage.goto("/notifications");
    await expect(benPage.getByRole("heading", { level: 2, name: /^Unread: Ana Tester/ })).toHaveCount(0);
    await anaPage.goto("/notifications");
    const accepted = anaPage.getByRole("link", { name: "Ben Tester accepted your team-up" });
    await accepted.click();
    await expect(anaPage).toHaveURL(/\/team$/);
    await anaPage.goto("/notifications");
    await expect(anaPage.getByRole("heading", { level: 2, name: /^Unread: Ben Tester accepted/ })).toHaveCount(0);
  });

  await test.step("teammates already, Ana asks Ben onto a second quest, finding him by name", async () => {
    await benPage.goto("/team");
    await benPage.getByLabel("Let students looking for a teammate find me by my username or name").check();
    await expect(
      benPage.getByLabel("Let students looking for a teammate find me by my username or name"),
    ).toBeChecked();
    await anaPage.goto(`/quests?search=${encodeURIComponent(SECOND_QUEST)}`);
    await anaPage.getByRole("link", { name: SECOND_QUEST }).click();
    await anaPage.getByRole("button", { name: "Start quest" }).click();
    await expect(anaPage.getByRole("button", { name: "Abandon quest" })).toBeVisible();
    await anaPage.goto("/team");
    await anaPage.getByLabel("Username or e-mail").fill(ben.username.slice(0, 6));
    await anaPage.getByRole("option", { name: new RegExp(`@${ben.username}`) }).click();
    await expect(anaPage.getByLabel("Username or e-mail")).toHaveValue(ben.username);
    await anaPage.getByLabel("On a quest (optional)").selectOption({ label: SECOND_QUEST });
    await anaPage.getByRole("button", { name: "Send request" }).click();
    await expect(anaPage.getByText(`Request sent to ${ben.username}.`)).toBeVisible();
    await benPage.goto("/team");
    const incoming = benPage.getByRole("list", { name: "Incoming requests" });
    await expect(incoming.getByText(`On: ${SECOND_QUEST}`)).toBeVisible();
    await incoming.getByRole("button", { name: "Accept: Ana Tester" }).click();
    await expect(
      benPage.getByRole("list", { name: "Teammates" }).getByText(new RegExp(`${SECOND_QUEST}: 0 of \\d+ tasks`)),
    ).toBeVisible();
  });

  await anaContext.close();
  await benContext.close();
});
