import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { TextArea, TextField } from "./Field";

function Controlled({ max = 20 }: { max?: number }) {
  const [value, setValue] = useState("");
  return (
    <TextArea
      label="Story"
      hint="A few words."
      maxLength={max}
      value={value}
      onChange={(e) => setValue(e.target.value)}
    />
  );
}

describe("the character counter", () => {
  it("shows how much of the limit a controlled field uses, as it is typed", async () => {
    render(<Controlled />);
    expect(screen.getByText("0 / 20")).toBeVisible();
    await userEvent.type(screen.getByLabelText("Story"), "Hello");
    expect(screen.getByText("5 / 20")).toBeVisible();
    expect(screen.getByLabelText("Story")).toHaveAttribute("maxlength", "20");
  });

  it("counts an uncontrolled field from its default value on", async () => {
    render(<TextField label="Note" name="note" maxLength={500} defaultValue="Hi" />);
    expect(screen.getByText("2 / 500")).toBeVisible();
    await userEvent.type(screen.getByLabelText("Note"), "!!");
    expect(screen.getByText("4 / 500")).toBeVisible();
  });

  it("formats long limits", () => {
    render(<TextArea label="Evidence" maxLength={10000} value="" onChange={() => undefined} />);
    expect(screen.getByText("0 / 10,000")).toBeVisible();
  });

  it("describes the field by its count only near the limit, and says politely when it is near and reached", async () => {
    render(<Controlled max={100} />);
    const field = screen.getByLabelText("Story");
    await userEvent.type(field, "x".repeat(80));
    expect(field).toHaveAccessibleDescription("A few words.");
    expect(document.querySelector("[aria-live=polite]")).toHaveTextContent("");
    await userEvent.type(field, "x".repeat(10));
    expect(field).toHaveAccessibleDescription("A few words. 90 of 100 characters used");
    expect(document.querySelector("[aria-live=polite]")).toHaveTextContent("Nearly at the limit of 100 characters.");
    await userEvent.type(field, "x".repeat(20));
    expect(screen.getByText("100 / 100")).toBeVisible();
    expect(document.querySelector("[aria-live=polite]")).toHaveTextContent("Limit reached: 100 characters.");
  });

  it("keeps an error as the description, with the count near the limit", () => {
    render(<TextField label="Title" maxLength={10} value="123456789" error="Too long." onChange={() => undefined} />);
    expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Too long. 9 of 10 characters used");
  });

  it("is left out without a limit, or when asked", () => {
    render(
      <>
        <TextField label="Name" />
        <TextField label="Password" type="password" maxLength={72} counter={false} />
      </>,
    );
    expect(screen.queryByText(/ \/ /)).not.toBeInTheDocument();
    expect(screen.getByLabelText("Password")).toHaveAttribute("maxlength", "72");
  });
});
