/* The aspiration step form shows only the fields of the chosen step. Without this script every
   field shows, and the server refuses what a step lacks, next to its field. */
(function () {
  "use strict";
  function update(form) {
    var chosen = form.querySelector('input[name="status"]:checked');
    var step = chosen ? chosen.value : "";
    form.querySelectorAll("[data-steps]").forEach(function (field) {
      field.hidden = field.getAttribute("data-steps").split(" ").indexOf(step) < 0;
    });
    var hint = form.querySelector(".step-hint");
    if (hint) { hint.hidden = true; }
  }
  document.querySelectorAll("form.step-form").forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.name === "status") { update(form); }
    });
    update(form);
  });
})();
