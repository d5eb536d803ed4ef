package org.lianfang.gateway.docs;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /docs}: Swagger UI over the merged {@code /openapi.json}, served from the swagger-ui
 * webjar in the gateway's own jar (no CDN: it works offline). Public, like the document it shows;
 * "Authorize" takes an API key as the bearer token for "Try it out".
 */
@RestController
public class DocsController {

    static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Lianfang (联防) API</title>
              <link rel="stylesheet" href="/webjars/swagger-ui/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/webjars/swagger-ui/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({
                  url: "/openapi.json",
                  dom_id: "#swagger-ui",
                  persistAuthorization: false,
                  tryItOutEnabled: false
                });
              </script>
            </body>
            </html>
            """;

    @GetMapping(path = {"/docs", "/docs/"}, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(PAGE);
    }
}
