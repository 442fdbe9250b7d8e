// Placeholder for the live client (a later issue). The page works without it: every action is
// an HTML form. It finds the WebSocket URL in the area section's data-ws-url attribute.
(function () {
  "use strict";
  var area = document.getElementById("area");
  if (area) {
    area.setAttribute("data-live", "pending");
  }
})();
