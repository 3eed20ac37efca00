// A "Cetak" (print) button: any element with data-print opens the browser's print dialog.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
