import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ConfirmDialog } from "./ConfirmDialog";

describe("ConfirmDialog", () => {
  it("asks, and answers Cancel and the action apart", async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <ConfirmDialog title="Delete this task?" confirm="Delete task" danger onConfirm={onConfirm} onCancel={onCancel}>
        Its completions stay.
      </ConfirmDialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "Delete this task?" });
    expect(dialog).toHaveAccessibleDescription("Its completions stay.");
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledOnce();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Delete task" }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("shows the failure and holds its buttons while busy", () => {
    render(
      <ConfirmDialog
        title="Make admin?"
        confirm="Make admin"
        busy
        error="It failed."
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      >
        They will see everything.
      </ConfirmDialog>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("It failed.");
    expect(screen.getByRole("button", { name: "Cancel" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Make admin" })).toBeDisabled();
  });
});
