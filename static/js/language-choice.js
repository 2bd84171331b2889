// Progressive enhancement for the submission form's language question (issue 23): shows only the boxes for the
// language chosen (English, Welsh, or both). Without it every box is on the page, the Welsh ones labelled "in Welsh",
// and the server requires the set the answer names. A box with an error is never hidden.
(function () {
  "use strict";
  var PAIRS = ["title", "summary", "challenge", "solution", "impact", "sustainability", "lessons"];
  var radios = document.querySelectorAll('input[type="radio"][name="language"]');
  if (!radios.length) { return; }
  function boxOf(name) {
    var input = document.getElementById("id_" + name);
    return input ? input.closest(".field") : null;
  }
  function chosen() {
    for (var i = 0; i < radios.length; i++) { if (radios[i].checked) { return radios[i].value; } }
    return "en";
  }
  function show() {
    var language = chosen();
    PAIRS.forEach(function (name) {
      var english = boxOf(name), welsh = boxOf(name + "_cy");
      if (english) { english.hidden = language === "cy" && !english.classList.contains("field--error"); }
      if (welsh) { welsh.hidden = language === "en" && !welsh.classList.contains("field--error"); }
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", show); });
  show();
})();
