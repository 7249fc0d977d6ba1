// Continuity: small comforts for the navigation's disclosure menus. Pages work without it:
// the menus are <details> elements, which open and close with a click, Enter or Space.
(function () {
    "use strict";
    var menus = document.querySelectorAll("details.site-nav__group");
    function closeAll(except) {
        menus.forEach(function (menu) {
            if (menu !== except) {
                menu.open = false;
            }
        });
    }
    document.addEventListener("click", function (event) {
        var inside = event.target instanceof Element ? event.target.closest("details.site-nav__group") : null;
        closeAll(inside);
    });
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        var open = document.querySelector("details.site-nav__group[open]");
        if (open) {
            open.open = false;
            open.querySelector("summary").focus();
        }
    });
})();
