// Behaviour the pages ask for by data attributes, so no template needs an inline script or an
// on…= handler (the Content-Security-Policy allows scripts from Alur's own static files only).
//   <form data-confirm="Question?">  asks before submitting
//   <select data-navigate>           opens the URL of the chosen option
//   [data-date-hint] after a date field: shown where the browser has no date picker and the date is
//                    typed as text (a picker shows its own day/month order, which the hint must not contradict)
document.addEventListener("submit", (event) => {
  const question = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("change", (event) => {
  const select = event.target;
  if (select.matches && select.matches("select[data-navigate]") && select.value) {
    window.location.href = select.value;
  }
});

document.addEventListener("DOMContentLoaded", () => {
  for (const hint of document.querySelectorAll("[data-date-hint]")) {
    const field = hint.parentElement && hint.parentElement.id
      ? document.querySelector(`[aria-describedby~="${hint.parentElement.id}"]`) : null;
    if (field && field.type !== "date") {
      hint.hidden = false;
    }
  }
});
