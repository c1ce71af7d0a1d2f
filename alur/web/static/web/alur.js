// Behaviour the pages ask for by data attributes, so no template needs an inline script or an
// on…= handler (the Content-Security-Policy allows scripts from Alur's own static files only).
//   <form data-confirm="Question?">  asks before submitting
//   <select data-navigate>           opens the URL of the chosen option
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
