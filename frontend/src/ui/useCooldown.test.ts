import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useCooldown } from "./useCooldown";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("useCooldown", () => {
  it("counts the whole seconds down from start() and ends at 0", () => {
    const { result } = renderHook(() => useCooldown(60));
    expect(result.current.left).toBe(0);
    act(() => result.current.start());
    expect(result.current.left).toBe(60);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current.left).toBe(59);
    act(() => vi.advanceTimersByTime(58_000));
    expect(result.current.left).toBe(1);
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current.left).toBe(0);
  });

  it("stops ticking once it has run out", () => {
    const { result } = renderHook(() => useCooldown(2));
    act(() => result.current.start());
    act(() => vi.advanceTimersByTime(2_000));
    expect(result.current.left).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("goes by the clock, so a tab whose timers were held back is not left waiting longer", () => {
    const { result } = renderHook(() => useCooldown(60));
    act(() => result.current.start());
    vi.setSystemTime(Date.now() + 45_000); // the clock moved on; no timer has fired yet
    act(() => vi.advanceTimersByTime(1_000));
    expect(result.current.left).toBe(14);
  });
});
