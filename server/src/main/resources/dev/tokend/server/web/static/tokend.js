// tokend web UI: progressive enhancement only. Every page works without this file; it is served
// from the jar and runs under the page's CSP nonce (no inline script anywhere).
(function () {
  "use strict";
  // Copy buttons: <button data-copy="<id of an input>" hidden> become visible and copy its value.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    var status = button.parentElement.querySelector(".copied");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) { status.textContent = "Copied to the clipboard."; }
      }, function () {
        source.select();
        if (status) { status.textContent = "Select the text and copy it."; }
      });
    });
  });
  // The custom-lifetime field matters only when "Custom" is chosen.
  var lifetime = document.getElementById("lifetime");
  var custom = document.getElementById("custom_days");
  if (lifetime && custom) {
    var wrapper = custom.closest(".field");
    var sync = function () { wrapper.hidden = lifetime.value !== "custom"; };
    lifetime.addEventListener("change", sync);
    sync();
  }
})();
