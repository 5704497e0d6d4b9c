// The API's interactive docs (/api/docs, served by the API from this build): Swagger UI 5, which
// reads the OpenAPI 3.1 document the API writes. Its own entry, so the web app never loads it.
import SwaggerUIBundle from "swagger-ui-dist/swagger-ui-es-bundle.js";
import "swagger-ui-dist/swagger-ui.css";

SwaggerUIBundle({
  url: "/api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  withCredentials: true,
});
