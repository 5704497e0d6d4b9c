import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { StrictMode, type ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "../auth/context";
import { authKeys } from "../auth/hooks";
import { STUDENT, answer } from "../test-utils";
import { useDeviceTimeZone } from "./useDeviceTimeZone";

const api = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn() }));
vi.mock("../api/client", () => ({ api, API_URL: "" }));

const DEVICE = Intl.DateTimeFormat().resolvedOptions().timeZone;

// The hook asks once per user and visit, so each test signs in someone new.
let n = 0;
const someone = (profile: object): User =>
  ({ ...STUDENT, id: `00000000-0000-0000-0000-${String(++n).padStart(12, "0")}`, ...profile }) as User;

function run(user: User) {
  const queryClient = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <StrictMode>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </StrictMode>
  );
  const hook = renderHook(({ who }) => useDeviceTimeZone(who), { wrapper, initialProps: { who: user } });
  return { queryClient, hook };
}

beforeEach(() => {
  api.PATCH.mockReset();
});

describe("useDeviceTimeZone", () => {
  it("gives the API this device's zone once when I have none, and keeps the answer", async () => {
    const user = someone({ time_zone: null });
    api.PATCH.mockResolvedValue(answer(200, { ...user, time_zone: DEVICE }));
    const { queryClient, hook } = run(user);
    hook.rerender({ who: { ...user } });
    await waitFor(() => expect(queryClient.getQueryData(authKeys.me)).toMatchObject({ time_zone: DEVICE }));
    expect(api.PATCH).toHaveBeenCalledOnce();
    expect(api.PATCH).toHaveBeenCalledWith("/api/users/me", { body: { time_zone: DEVICE } });
  });

  it("leaves a zone I already have alone", () => {
    run(someone({ time_zone: "Asia/Tokyo" }));
    expect(api.PATCH).not.toHaveBeenCalled();
  });

  it("is silent, and does not ask again, when the API refuses the zone", async () => {
    const user = someone({ time_zone: null });
    api.PATCH.mockResolvedValue(answer(400, { error: { code: "invalid", message: "Unknown time zone." } }));
    const { queryClient, hook } = run(user);
    await waitFor(() => expect(api.PATCH).toHaveBeenCalledOnce());
    hook.rerender({ who: { ...user } });
    expect(api.PATCH).toHaveBeenCalledOnce();
    expect(queryClient.getQueryData(authKeys.me)).toBeUndefined();
  });
});
