// The AU ended inside the player's AU frame and went to its returnURL: show the course page
// in the whole window, not inside the frame (the link is there for browsers without scripts).
(function () {
  var link = document.querySelector('[data-testid="return-link"]');
  if (link) (window.top || window).location.replace(link.href);
})();
