import { createContext, useContext } from "react";
import type { Schemas } from "../api/client";

export type User = Schemas["UserPublic"];

export interface Auth {
  user: User | null;
  status: "loading" | "signedIn" | "signedOut";
  signIn(body: Schemas["LoginIn"]): Promise<User>;
  signUp(body: Schemas["SignupIn"]): Promise<User>;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth needs an <AuthProvider>");
  return auth;
}
