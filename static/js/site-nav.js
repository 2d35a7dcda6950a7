/* The section row on a phone scrolls sideways. When Tab lands on a link the
   row shows only in part, Chromium leaves it cut off: it scrolls a focused
   element only when it is wholly out of view, and CSS (scroll-padding,
   scroll-margin) does not change that. So bring the link in whole, with the
   row's scroll-padding around it for the focus ring. */
document.addEventListener("focusin", (event) => {
  const link = event.target instanceof Element && event.target.closest(".site-nav a");
  if (link) {
    link.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
});
