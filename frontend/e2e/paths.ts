import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const ARTIFACTS = join(REPO, "test-artifacts");
export const SCREENSHOTS = join(ARTIFACTS, "screenshots");
