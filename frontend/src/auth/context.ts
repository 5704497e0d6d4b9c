import { createContext, useContext } from "react";
import type { Schemas } from "../api/client";

export type User = Schemas["UserPublic"];

/** Signed in, or (when the provider confirms e-mail addresses first) a link is on its way. */
export type SignUpResult = { user: User } | { confirmation: Schemas["ConfirmationRequiredPublic"] };

export interface Auth {
  user: User | null;
  status: "loading" | "signedIn" | "signedOut";
  signIn(body: Schemas["LoginIn"]): Promise<User>;
  signUp(body: Schemas["SignupIn"]): Promise<SignUpResult>;
  /** Take on a session the API started from an e-mail link or an OAuth return. */
  startSession(session: Schemas["SessionPublic"]): User;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<Auth | null>(null);

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth needs an <AuthProvider>");
  return auth;
}
