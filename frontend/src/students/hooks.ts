import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { unwrap } from "../api/errors";

export type StudentCard = Schemas["StudentCard"];
export type StudentCompletion = Schemas["StudentCompletion"];

export const studentKeys = {
  all: ["students"] as const,
  page: (page: number) => [...studentKeys.all, "list", page] as const,
  one: (id: string) => [...studentKeys.all, "one", id] as const,
  completions: (id: string) => [...studentKeys.all, "completions", id] as const,
};

export const STUDENTS_PER_PAGE = 20;

export function useStudents(page: number, perPage = STUDENTS_PER_PAGE) {
  return useQuery({
    queryKey: [...studentKeys.page(page), perPage],
    queryFn: () => unwrap(api.GET("/api/students", { params: { query: { page, per_page: perPage } } })),
  });
}

export function useStudent(id: string) {
  return useQuery({
    queryKey: studentKeys.one(id),
    queryFn: () => unwrap(api.GET("/api/students/{student_id}", { params: { path: { student_id: id } } })),
  });
}

/** A student's completions, newest first, a page at a time from the API's cursor. */
export function useStudentCompletions(id: string) {
  return useInfiniteQuery({
    queryKey: studentKeys.completions(id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/students/{student_id}/completions", {
          params: { path: { student_id: id }, query: { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useSuggestQuest(studentId: string) {
  return useMutation({
    mutationFn: (body: Schemas["SuggestionIn"]) =>
      unwrap(api.POST("/api/students/{student_id}/suggestions", { params: { path: { student_id: studentId } }, body })),
  });
}
