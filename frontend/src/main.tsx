import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { makeQueryClient } from "./api/query";
import { App } from "./App";
import { AuthProvider } from "./auth/AuthProvider";
import { ErrorBoundary } from "./ui/ErrorBoundary";
import "./index.css";

const queryClient = makeQueryClient();

// From here on each page renders its own <title> and meta tags (React hoists them into <head>);
// the ones index.html came with (a shared diploma's link preview, from the server) would
// otherwise stay first and win.
document.head.querySelectorAll("title, [data-preview]").forEach((element) => element.remove());

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AuthProvider>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
);
