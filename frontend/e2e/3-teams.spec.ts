import { expect, newStudent, shoot, signUp, test } from "./fixtures";

const QUEST = "Khan Academy: Art History Basics";

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

  await anaContext.close();
  await benContext.close();
});
