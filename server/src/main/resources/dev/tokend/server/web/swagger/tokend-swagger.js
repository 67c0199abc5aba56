// Starts Swagger UI on /swagger. A file, not an inline script, so the page's CSP needs no
// 'unsafe-inline'; the document's URL comes from the page (data-openapi-url).
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null // no badge from validator.swagger.io: nothing leaves this server
  });
});
