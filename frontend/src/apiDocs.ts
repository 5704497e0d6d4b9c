// The API's interactive docs (/api/docs, served by the API from this build): Swagger UI 5, which
// reads the OpenAPI 3.1 document the API writes. Its own entry, so the web app never loads it.
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";
import "./apiDocs.css";

SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  // Deep links put an <a> inside each operation's toggle button: a control within a control.
  deepLinking: false,
  // The schemas live with the operations that take and give them; no second list of ~200.
  defaultModelsExpandDepth: -1,
  withCredentials: true,
  // The servers <select> comes without a label of its own.
  onComplete: () => document.getElementById("servers")?.setAttribute("aria-label", "Server"),
});
